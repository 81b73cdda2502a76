package io.tributary.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A queue the mapper polls (SQS; later MQ). The mapper owns the poll loop, batching, filtering and decisions; a
 * source only moves messages.
 *
 * <p>Threading: all methods may be called concurrently (several pollers share one source) and must not block the
 * caller. Futures complete exceptionally with {@link SourceException} on transport or service errors; the mapper
 * logs them and retries with backoff.
 */
public interface QueueSource extends AutoCloseable {

    QueueDescription description();

    /**
     * Receives up to {@code maxMessages} (1..10) messages, long-polling up to {@code waitTime} (0..20 s). Received
     * messages are hidden for the queue's visibility timeout; nothing is deleted.
     */
    CompletableFuture<List<SourceRecord>> receive(int maxMessages, Duration waitTime);

    /**
     * Deletes the given messages, in as few calls as the service allows. Called only once the decision for these
     * messages is final. Idempotent per message; a message already deleted or with an expired receipt handle is not
     * an error (it will be redelivered and processed again: at-least-once).
     */
    CompletableFuture<Void> delete(List<SourceRecord> records);

    @Override
    default void close() {}
}
