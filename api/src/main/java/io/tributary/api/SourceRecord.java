package io.tributary.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One record read from an event source, already in AWS's event shape.
 *
 * @param id the record's identity in partial batch responses: SQS {@code messageId}, stream sequence number
 * @param ackHandle what the connector needs to acknowledge it (SQS receipt handle, stream sequence number)
 * @param orderingKey records with the same key are processed in order (SQS FIFO message group, partition key);
 *     {@code null} when the source is unordered
 * @param json the record exactly as it appears in the event's {@code Records} array, as UTF-8 JSON
 * @param receivedAt when Tributary received it (starts SQS throttle retries and batching windows)
 */
public record SourceRecord(String id, String ackHandle, String orderingKey, Payload json, Instant receivedAt) {
    public SourceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ackHandle, "ackHandle");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
