package io.tributary.mapper.testing;

import io.tributary.api.GetRecordsResult;
import io.tributary.api.Payload;
import io.tributary.api.SourceException;
import io.tributary.api.StreamPosition;
import io.tributary.api.StreamRecord;
import io.tributary.api.StreamShard;
import io.tributary.api.StreamSource;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A Kinesis-like stream on a manual clock: shards with split/merge lineage, Kinesis-shaped record JSON, all iterator
 * types, and 56-digit sequence numbers growing across the stream (children's numbers follow their parents').
 */
public final class InMemoryStreamSource implements StreamSource {
    public static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    private static final BigInteger BASE = new BigInteger("49590338271490256608559692538361571095921575989136588898");

    private final Clock clock;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private long nextSequence;
    private int nextShard;
    private int getRecordsCalls;
    private int failNextReads;

    public InMemoryStreamSource(ManualScheduler scheduler, int shardCount) {
        this.clock = scheduler.clock();
        for (int i = 0; i < shardCount; i++) {
            newShard(null, null);
        }
    }

    public static String shardId(int n) {
        return String.format("shardId-%012d", n);
    }

    /** Writes a record; returns its sequence number. */
    public synchronized String put(String shardId, String partitionKey, String data) {
        Shard shard = shards.get(shardId);
        if (shard.closed) {
            throw new IllegalStateException(shardId + " is closed");
        }
        String sequence = BASE.add(BigInteger.valueOf(nextSequence++)).toString();
        Instant now = clock.instant();
        String json = "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"" + partitionKey
                + "\",\"sequenceNumber\":\"" + sequence + "\",\"data\":\"" + data
                + "\",\"approximateArrivalTimestamp\":" + now.toEpochMilli() / 1000.0
                + "},\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\"" + shardId + ":"
                + sequence + "\",\"eventName\":\"aws:kinesis:record\",\"awsRegion\":\"us-east-1\","
                + "\"eventSourceARN\":\"" + ARN + "\"}";
        shard.records.add(new StreamRecord(sequence, partitionKey, now, Payload.utf8(json)));
        return sequence;
    }

    /** Splits an open shard: it closes and two children follow it. Returns the children's ids. */
    public synchronized List<String> split(String shardId) {
        shards.get(shardId).closed = true;
        return List.of(newShard(shardId, null), newShard(shardId, null));
    }

    /** Merges two open shards into one child. Returns its id. */
    public synchronized String merge(String shardId, String adjacentShardId) {
        shards.get(shardId).closed = true;
        shards.get(adjacentShardId).closed = true;
        return newShard(shardId, adjacentShardId);
    }

    /** The next {@code n} GetRecords calls fail. */
    public synchronized void failNextReads(int n) {
        failNextReads = n;
    }

    public synchronized int getRecordsCalls() {
        return getRecordsCalls;
    }

    public synchronized List<String> sequenceNumbers(String shardId) {
        return shards.get(shardId).records.stream()
                .map(StreamRecord::sequenceNumber)
                .toList();
    }

    @Override
    public String streamArn() {
        return ARN;
    }

    @Override
    public synchronized CompletableFuture<List<StreamShard>> listShards() {
        List<StreamShard> list = new ArrayList<>();
        for (Shard shard : shards.values()) {
            list.add(new StreamShard(shard.id, shard.parent, shard.adjacentParent, shard.closed));
        }
        return CompletableFuture.completedFuture(list);
    }

    @Override
    public synchronized CompletableFuture<String> getIterator(String shardId, StreamPosition position) {
        Shard shard = shards.get(shardId);
        if (shard == null) {
            return CompletableFuture.failedFuture(new SourceException("ResourceNotFoundException: " + shardId));
        }
        int index = 0;
        List<StreamRecord> records = shard.records;
        switch (position.type()) {
            case TRIM_HORIZON -> index = 0;
            case LATEST -> index = records.size();
            case AT_TIMESTAMP -> {
                while (index < records.size()
                        && records.get(index).approximateArrivalTimestamp().isBefore(position.timestamp())) {
                    index++;
                }
            }
            case AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER -> {
                BigInteger target = new BigInteger(position.sequenceNumber());
                boolean after = position.type() == StreamPosition.Type.AFTER_SEQUENCE_NUMBER;
                while (index < records.size()) {
                    int cmp = records.get(index).sequence().compareTo(target);
                    if (cmp > 0 || (cmp == 0 && !after)) {
                        break;
                    }
                    index++;
                }
            }
        }
        return CompletableFuture.completedFuture(shardId + "#" + index);
    }

    @Override
    public synchronized CompletableFuture<GetRecordsResult> getRecords(String iterator, int limit) {
        getRecordsCalls++;
        if (failNextReads > 0) {
            failNextReads--;
            return CompletableFuture.failedFuture(new SourceException("ProvisionedThroughputExceededException"));
        }
        int hash = iterator.lastIndexOf('#');
        Shard shard = shards.get(iterator.substring(0, hash));
        int from = Integer.parseInt(iterator.substring(hash + 1));
        int to = Math.min(shard.records.size(), from + limit);
        List<StreamRecord> page = List.copyOf(shard.records.subList(from, to));
        boolean atEnd = to == shard.records.size();
        String next = atEnd && shard.closed ? null : shard.id + "#" + to;
        Duration behind = atEnd
                ? Duration.ZERO
                : Duration.between(shard.records.get(to).approximateArrivalTimestamp(), clock.instant());
        return CompletableFuture.completedFuture(new GetRecordsResult(page, next, behind));
    }

    private String newShard(String parent, String adjacentParent) {
        String id = shardId(nextShard++);
        shards.put(id, new Shard(id, parent, adjacentParent));
        return id;
    }

    private static final class Shard {
        final String id;
        final String parent;
        final String adjacentParent;
        final List<StreamRecord> records = new ArrayList<>();
        boolean closed;

        Shard(String id, String parent, String adjacentParent) {
            this.id = id;
            this.parent = parent;
            this.adjacentParent = adjacentParent;
        }
    }
}
