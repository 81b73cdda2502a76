package io.tributary.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an iterator starts in a shard: Kinesis' ShardIteratorType (DynamoDB Streams has all but AT_TIMESTAMP).
 *
 * @param type the iterator type
 * @param sequenceNumber the sequence number for {@link Type#AT_SEQUENCE_NUMBER} and {@link Type#AFTER_SEQUENCE_NUMBER},
 *     otherwise {@code null}
 * @param timestamp the time for {@link Type#AT_TIMESTAMP}, otherwise {@code null}
 */
public record StreamPosition(Type type, String sequenceNumber, Instant timestamp) {

    public enum Type {
        /** The oldest record still in the shard. */
        TRIM_HORIZON,
        /** Just after the newest record: only records written from now on. */
        LATEST,
        /** The first record written at or after {@link #timestamp()}. */
        AT_TIMESTAMP,
        /** The record with {@link #sequenceNumber()}. */
        AT_SEQUENCE_NUMBER,
        /** The record right after {@link #sequenceNumber()}: how the mapper resumes after a checkpoint. */
        AFTER_SEQUENCE_NUMBER
    }

    public StreamPosition {
        Objects.requireNonNull(type, "type");
        boolean needsSequence = type == Type.AT_SEQUENCE_NUMBER || type == Type.AFTER_SEQUENCE_NUMBER;
        if (needsSequence != (sequenceNumber != null)) {
            throw new IllegalArgumentException(type + " needs a sequence number exactly when it is "
                    + "AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER: " + sequenceNumber);
        }
        if ((type == Type.AT_TIMESTAMP) != (timestamp != null)) {
            throw new IllegalArgumentException(type + " needs a timestamp exactly when it is AT_TIMESTAMP");
        }
    }

    public static StreamPosition trimHorizon() {
        return new StreamPosition(Type.TRIM_HORIZON, null, null);
    }

    public static StreamPosition latest() {
        return new StreamPosition(Type.LATEST, null, null);
    }

    public static StreamPosition atTimestamp(Instant timestamp) {
        return new StreamPosition(Type.AT_TIMESTAMP, null, timestamp);
    }

    public static StreamPosition atSequenceNumber(String sequenceNumber) {
        return new StreamPosition(Type.AT_SEQUENCE_NUMBER, sequenceNumber, null);
    }

    public static StreamPosition afterSequenceNumber(String sequenceNumber) {
        return new StreamPosition(Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
    }
}
