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

    /**
     * Makes received messages visible again at once (SQS: {@code ChangeMessageVisibility} with a visibility timeout
     * of 0), so the mapping's next run or any other consumer receives them without waiting for the visibility
     * timeout. Called when a mapping stops (disable, update, delete, shutdown) with messages it received but will not
     * invoke: those a long poll returned after the stop, and a batch that was still being gathered. Never called for
     * messages whose batch was invoked.
     *
     * <p>Best effort and idempotent per message: a message already deleted, no longer in flight or with an expired
     * receipt handle is not an error. If the future fails, the messages simply reappear after the visibility timeout,
     * as they would without this call. Not a default method: a decorator that forgot to forward it would leave
     * every released message hidden for its visibility timeout without a sign.
     */
    CompletableFuture<Void> release(List<SourceRecord> records);

    @Override
    default void close() {}
}
