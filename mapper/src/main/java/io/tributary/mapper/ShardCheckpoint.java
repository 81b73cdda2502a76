package io.tributary.mapper;

/**
 * A shard's stored position.
 *
 * @param sequenceNumber the last processed record, or {@code null} when the shard ended before any record was
 *     checkpointed
 * @param finished whether the shard has ended and every record of it is processed
 */
public record ShardCheckpoint(String sequenceNumber, boolean finished) {
    public ShardCheckpoint {
        if (sequenceNumber == null && !finished) {
            throw new IllegalArgumentException("an unfinished shard checkpoint needs a sequence number");
        }
    }
}
