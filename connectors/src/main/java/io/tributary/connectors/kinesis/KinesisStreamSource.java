package io.tributary.connectors.kinesis;

import io.tributary.api.GetRecordsResult;
import io.tributary.api.SourceException;
import io.tributary.api.StreamPosition;
import io.tributary.api.StreamRecord;
import io.tributary.api.StreamShard;
import io.tributary.api.StreamSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * One Kinesis data stream as a {@link StreamSource}: ListShards (every page) for the shard tree, GetShardIterator and
 * GetRecords for the records, each turned into Lambda's record JSON by {@link KinesisRecordWriter}. Holds no position:
 * the engine owns positions and checkpoints. Shares the connector's client; closing it closes nothing.
 *
 * <p>Lineage comes from ListShards' {@code ParentShardId}/{@code AdjacentParentShardId} (kinesalite leaves GetRecords'
 * {@code ChildShards} empty, and the engine needs the full tree anyway). A shard is closed when its sequence number
 * range has an ending number; its end is reported when GetRecords returns no {@code NextShardIterator}.
 */
final class KinesisStreamSource implements StreamSource {
    /** GetRecords' maximum (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html). */
    static final int MAX_LIMIT = 10_000;

    /** Shard ids are {@code [a-zA-Z0-9_.-]}: this never occurs in one. */
    private static final char SEPARATOR = '|';

    private final KinesisAsyncClient client;
    private final KinesisSettings settings;
    private final KinesisStreamArn arn;
    private final String streamArn;
    private final KinesisRecordWriter writer;

    KinesisStreamSource(KinesisAsyncClient client, KinesisSettings settings, KinesisStreamArn arn, String streamArn) {
        this.client = client;
        this.settings = settings;
        this.arn = arn;
        this.streamArn = streamArn;
        this.writer = new KinesisRecordWriter(arn.region(), settings.invokeIdentityArn(), streamArn);
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public CompletableFuture<List<StreamShard>> listShards() {
        List<StreamShard> shards = new ArrayList<>();
        return listPage(ListShardsRequest.builder().streamName(arn.streamName()).build(), shards)
                .thenApply(done -> List.copyOf(shards));
    }

    /** One page; with a NextToken the request must not name the stream (Kinesis rejects both together). */
    private CompletableFuture<Void> listPage(ListShardsRequest request, List<StreamShard> into) {
        return fail(client.listShards(request), "ListShards").thenCompose(response -> {
            for (Shard shard : response.shards()) {
                boolean closed = shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null;
                into.add(
                        new StreamShard(shard.shardId(), shard.parentShardId(), shard.adjacentParentShardId(), closed));
            }
            if (response.nextToken() == null || response.shards().isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return listPage(
                    ListShardsRequest.builder().nextToken(response.nextToken()).build(), into);
        });
    }

    @Override
    public CompletableFuture<String> getIterator(String shardId, StreamPosition position) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().streamName(arn.streamName()).shardId(shardId);
        switch (position.type()) {
            case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST);
            case AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                    .timestamp(position.timestamp());
            case AT_SEQUENCE_NUMBER -> request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(position.sequenceNumber());
            case AFTER_SEQUENCE_NUMBER -> request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(position.sequenceNumber());
        }
        return fail(client.getShardIterator(request.build()), "GetShardIterator on " + shardId)
                .thenApply(response -> handle(shardId, response.shardIterator()));
    }

    @Override
    public CompletableFuture<GetRecordsResult> getRecords(String iterator, int limit) {
        int clamped = Math.max(1, Math.min(limit, MAX_LIMIT));
        int separator = iterator.indexOf(SEPARATOR);
        if (separator < 0) {
            return CompletableFuture.failedFuture(
                    new SourceException("not a shard iterator of this source: " + iterator));
        }
        String shardId = iterator.substring(0, separator);
        String kinesisIterator = iterator.substring(separator + 1);
        return fail(client.getRecords(r -> r.shardIterator(kinesisIterator).limit(clamped)), "GetRecords on " + shardId)
                .thenApply(response -> {
                    List<StreamRecord> records =
                            new ArrayList<>(response.records().size());
                    for (Record record : response.records()) {
                        records.add(writer.toStreamRecord(shardId, record));
                    }
                    Duration behind = response.millisBehindLatest() == null
                            ? null
                            : Duration.ofMillis(response.millisBehindLatest());
                    return new GetRecordsResult(records, handle(shardId, response.nextShardIterator()), behind);
                });
    }

    private <T> CompletableFuture<T> fail(CompletableFuture<T> call, String action) {
        return call.handle((value, error) -> {
            if (error != null) {
                throw KinesisErrors.toSourceException(action, streamArn, settings, error);
            }
            return value;
        });
    }

    /**
     * The iterator handed to the engine: Kinesis' iterator prefixed with its shard id, because each record's
     * {@code eventID} names the shard and Kinesis iterators are opaque. {@code null} (shard ended) stays {@code null}.
     */
    private static String handle(String shardId, String kinesisIterator) {
        return kinesisIterator == null ? null : shardId + SEPARATOR + kinesisIterator;
    }
}
