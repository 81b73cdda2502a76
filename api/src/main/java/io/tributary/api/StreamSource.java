package io.tributary.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stream the mapper reads shard by shard: Kinesis, DynamoDB Streams (and any source with shards, sequence numbers
 * and lineage). The source only moves records; the mapper owns positions, checkpoints, parent-before-child order,
 * batching, retries and on-failure records.
 *
 * <p>Threading: every method may be called concurrently (one reader per shard) and must not block the caller; futures
 * complete on the source's own threads. Errors: futures complete exceptionally with {@link SourceException} when the
 * service cannot be reached or refuses the call (throttling, expired iterator, trimmed position…). The mapper logs
 * it, backs off and asks for a fresh iterator from the last record it read, so an implementation never retries on
 * its own and never needs to remember a position.
 */
public interface StreamSource extends AutoCloseable {

    /** The stream ARN, as it appears in events and on-failure records. */
    String streamArn();

    /**
     * Every shard of the stream, open and closed, that the service still lists (ListShards / DescribeStream, all
     * pages), in any order. Called at start and then periodically, so new children appear while the mapping runs.
     */
    CompletableFuture<List<StreamShard>> listShards();

    /**
     * Opens an iterator on a shard (GetShardIterator).
     *
     * @return the iterator to pass to {@link #getRecords}
     */
    CompletableFuture<String> getIterator(String shardId, StreamPosition position);

    /**
     * Reads the next records (GetRecords). {@code limit} is what the mapper wants (1..10,000); a source may return
     * fewer, and clamps it to its service's maximum (1,000 for DynamoDB Streams).
     */
    CompletableFuture<GetRecordsResult> getRecords(String iterator, int limit);

    @Override
    default void close() {}
}
