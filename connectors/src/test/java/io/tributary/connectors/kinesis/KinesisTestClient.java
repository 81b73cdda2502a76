package io.tributary.connectors.kinesis;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Test-side Kinesis calls (create, put, split, merge) on a connector's client. Shared through the test-jar. */
public final class KinesisTestClient {
    private final KinesisAsyncClient client;

    public KinesisTestClient(KinesisConnector connector) {
        this.client = connector.client();
    }

    /** Creates a stream and waits until it is ACTIVE (kinesalite takes ~0.5 s). */
    public void createStream(String name, int shards) {
        client.createStream(r -> r.streamName(name).shardCount(shards)).join();
        awaitActive(name);
    }

    public void awaitActive(String name) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.describeStreamSummary(r -> r.streamName(name))
                                .join()
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** Puts one record; returns its sequence number. */
    public String put(String stream, String partitionKey, String data) {
        return client.putRecord(r -> r.streamName(stream)
                        .partitionKey(partitionKey)
                        .data(SdkBytes.fromString(data, StandardCharsets.UTF_8)))
                .join()
                .sequenceNumber();
    }

    /** Puts records (partition key → data) in batches of 500, in order; fails if any record was refused. */
    public void putAll(String stream, List<Map.Entry<String, String>> records) {
        for (int from = 0; from < records.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (Map.Entry<String, String> e : records.subList(from, Math.min(records.size(), from + 500))) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey(e.getKey())
                        .data(SdkBytes.fromString(e.getValue(), StandardCharsets.UTF_8))
                        .build());
            }
            PutRecordsResponse response = client.putRecords(
                            r -> r.streamName(stream).records(entries))
                    .join();
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(response.failedRecordCount() + " records were refused");
            }
        }
    }

    public List<Shard> shards(String stream) {
        return client.listShards(r -> r.streamName(stream)).join().shards();
    }

    /** Splits a shard in the middle of its hash key range and waits until the stream is ACTIVE again. */
    public void split(String stream, String shardId) {
        Shard shard = shards(stream).stream()
                .filter(s -> s.shardId().equals(shardId))
                .findFirst()
                .orElseThrow();
        var start = new java.math.BigInteger(shard.hashKeyRange().startingHashKey());
        var end = new java.math.BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).toString();
        client.splitShard(r -> r.streamName(stream).shardToSplit(shardId).newStartingHashKey(middle))
                .join();
        awaitActive(stream);
    }

    public void merge(String stream, String shardId, String adjacentShardId) {
        client.mergeShards(r -> r.streamName(stream).shardToMerge(shardId).adjacentShardToMerge(adjacentShardId))
                .join();
        awaitActive(stream);
    }
}
