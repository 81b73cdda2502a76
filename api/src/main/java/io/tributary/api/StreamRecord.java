package io.tributary.api;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One record read from a stream shard, already in AWS's event shape (built by the connector).
 *
 * @param sequenceNumber the record's sequence number as the service writes it: a decimal string (Kinesis
 *     {@code kinesis.sequenceNumber}, DynamoDB {@code dynamodb.SequenceNumber}). It is the record's
 *     {@code itemIdentifier} in partial batch responses and what checkpoints hold. Compared as a {@link BigInteger}.
 * @param partitionKey the ordering key within the shard when ParallelizationFactor &gt; 1: Kinesis' partition key,
 *     DynamoDB's item key (e.g. the {@code Keys} JSON); never {@code null}
 * @param approximateArrivalTimestamp when the record was written to the stream (Kinesis
 *     {@code approximateArrivalTimestamp}, DynamoDB {@code ApproximateCreationDateTime}); drives record age,
 *     IteratorAge, tumbling windows and the arrival times of on-failure records
 * @param json the record exactly as it appears in the event's {@code Records} array, UTF-8 JSON
 */
public record StreamRecord(
        String sequenceNumber, String partitionKey, Instant approximateArrivalTimestamp, Payload json) {
    public StreamRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(approximateArrivalTimestamp, "approximateArrivalTimestamp");
        Objects.requireNonNull(json, "json");
        if (sequenceNumber.isEmpty() || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("sequenceNumber must be a decimal string: " + sequenceNumber);
        }
    }

    /** The sequence number as a number, for ordering (Kinesis numbers have 56 digits, DynamoDB's 21..40). */
    public BigInteger sequence() {
        return new BigInteger(sequenceNumber);
    }
}
