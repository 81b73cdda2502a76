package io.tributary.mapper.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * What a queue mapping's pollers need, resolved from the mapping and its queue.
 *
 * @param uuid the mapping's UUID (for logs)
 * @param description a short "queue → function" text for logs
 * @param batchSize records per invocation, 1..10000
 * @param batchingWindow how long to gather records after the first one arrives (0 = invoke after one receive)
 * @param maximumConcurrency the most batches in flight at once (pollers)
 * @param reportBatchItemFailures whether the function's partial batch response is honoured
 * @param fifo whether the queue keeps order per message group
 * @param visibilityTimeout the queue's visibility timeout: throttled batches are retried until it would expire
 */
public record QueueMappingSettings(
        String uuid,
        String description,
        int batchSize,
        Duration batchingWindow,
        int maximumConcurrency,
        boolean reportBatchItemFailures,
        boolean fifo,
        Duration visibilityTimeout) {

    public QueueMappingSettings {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1..10000: " + batchSize);
        }
        if (maximumConcurrency < 1) {
            throw new IllegalArgumentException("maximumConcurrency must be at least 1: " + maximumConcurrency);
        }
    }
}
