package io.tributary.api;

import java.util.Objects;

/**
 * One shard of a stream, as ListShards (Kinesis) or DescribeStream (DynamoDB Streams) reports it. Lineage comes from
 * the parent ids: a split gives two children with the same {@code parentShardId}; a merge gives one child whose
 * {@code parentShardId} and {@code adjacentParentShardId} are the two merged shards. The mapper reads a child only
 * after every parent is fully processed and checkpointed.
 *
 * @param shardId the shard id, e.g. {@code shardId-000000000001}
 * @param parentShardId the parent shard, or {@code null} for a shard that existed when the stream was created
 * @param adjacentParentShardId the second parent of a merged shard, or {@code null}
 * @param closed whether the shard has an ending sequence number (it receives no more records and its iterator ends).
 *     A source whose service reports an ending sequence number on the open shard (dynoxide does) must report
 *     {@code false} for it; the mapper relies only on {@link GetRecordsResult#nextIterator()} being {@code null} to
 *     decide that a shard has ended.
 */
public record StreamShard(String shardId, String parentShardId, String adjacentParentShardId, boolean closed) {
    public StreamShard {
        Objects.requireNonNull(shardId, "shardId");
    }

    /** A shard without parents. */
    public static StreamShard root(String shardId, boolean closed) {
        return new StreamShard(shardId, null, null, closed);
    }
}
