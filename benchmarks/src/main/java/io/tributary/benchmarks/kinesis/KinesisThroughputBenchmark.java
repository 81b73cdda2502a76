package io.tributary.benchmarks.kinesis;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.api.OnFailureDestinations;
import io.tributary.connectors.kinesis.KinesaliteServer;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisTestClient;
import io.tributary.invoker.Functions;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.checkpoint.FileCheckpointStore;
import io.tributary.mapper.checkpoint.InMemoryCheckpointStore;
import io.tributary.mapper.control.FileMappingStore;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.control.StreamConnectorLookup;
import io.tributary.mapper.runtime.EngineRuntime;
import io.tributary.mapper.runtime.ThreadPoolScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * End-to-end Kinesis throughput (not a JMH micro-benchmark): pre-loads records into a 4-shard kinesalite stream, then
 * measures, in the same run and against the same server,
 *
 * <ul>
 *   <li><b>raw</b>: a GetRecords loop (limit 10,000) over the 4 shards in parallel, records counted and dropped;
 *   <li><b>tributary</b>: a Kinesis mapping (TRIM_HORIZON) through the Kinesis connector, the stream engine with file
 *       checkpoints and the java executor to a no-op in-process function, until every record was invoked.
 * </ul>
 *
 * Arguments: {@code [records=100000] [rounds=3] [batchSize=100] [window=0] [file|memory checkpoints]}. Prints one line per measurement and the
 * median ratio. See docs/benchmarks.md for the command.
 */
public final class KinesisThroughputBenchmark {
    private static final int SHARDS = 4;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        boolean fileCheckpoints = args.length <= 4 || !args[4].equals("memory");
        if (System.getProperty("aws.cborEnabled") == null) {
            System.setProperty("aws.cborEnabled", "false");
        }
        Path work = Files.createTempDirectory("kinesis-benchmark");
        try (KinesaliteServer kinesalite = KinesaliteServer.start();
                KinesisConnector connector = new KinesisConnector(kinesalite.settings())) {
            String stream = "benchmark";
            KinesisTestClient kinesis = new KinesisTestClient(connector);
            kinesis.createStream(stream, SHARDS);
            long loadStart = System.nanoTime();
            preload(kinesis, stream, records);
            System.out.printf(
                    "pre-loaded %,d records (%d bytes of data each) over %d shards in %.1f s%n",
                    records, payload(0).length(), SHARDS, seconds(loadStart));

            List<Double> raw = new ArrayList<>();
            List<Double> tributary = new ArrayList<>();
            // Round 0 warms up the JIT of both paths and is not counted.
            for (int round = 0; round <= rounds; round++) {
                double r = rawLoop(connector.client(), stream, records);
                Path dir = work.resolve("round-" + round);
                CheckpointStore checkpoints = fileCheckpoints
                        ? new FileCheckpointStore(dir.resolve("checkpoints"))
                        : new InMemoryCheckpointStore();
                double t = tributary(
                        kinesalite.streamArn(stream), connector, dir, records, batchSize, window, checkpoints);
                if (round > 0) {
                    raw.add(r);
                    tributary.add(t);
                }
                System.out.printf(
                        "round %d%s: raw GetRecords %,.0f records/s, Tributary %,.0f records/s, ratio %.2f%n",
                        round, round == 0 ? " (warm-up)" : "", r, t, t / r);
            }
            double rawMedian = median(raw);
            double tributaryMedian = median(tributary);
            System.out.printf(
                    "median: raw %,.0f records/s, Tributary %,.0f records/s, ratio %.2f (BatchSize %d, window %d s, %s"
                            + " checkpoints)%n",
                    rawMedian,
                    tributaryMedian,
                    tributaryMedian / rawMedian,
                    batchSize,
                    window,
                    fileCheckpoints ? "file" : "in-memory");
        } finally {
            deleteTree(work);
        }
    }

    private static void preload(KinesisTestClient kinesis, String stream, int records) {
        List<Map.Entry<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(Map.entry("key-" + (i % 1000), payload(i)));
            if (batch.size() == 500) {
                kinesis.putAll(stream, batch);
                batch.clear();
            }
        }
        kinesis.putAll(stream, batch);
    }

    /** About 100 bytes of JSON, like a small event. */
    private static String payload(int i) {
        return String.format(
                "{\"id\":%08d,\"type\":\"click\",\"page\":\"/products/%05d\",\"user\":\"u-%06d\"}",
                i, i % 10_000, i % 100_000);
    }

    /** GetRecords from TRIM_HORIZON on every shard at once until every record was read; records/s. */
    private static double rawLoop(KinesisAsyncClient client, String stream, int expected) {
        AtomicLong read = new AtomicLong();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> shards = new ArrayList<>();
        for (var shard : client.listShards(r -> r.streamName(stream)).join().shards()) {
            shards.add(client.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .thenCompose(it -> readShard(client, it.shardIterator(), read, expected)));
        }
        CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).join();
        return read.get() / seconds(start);
    }

    private static CompletableFuture<Void> readShard(
            KinesisAsyncClient client, String iterator, AtomicLong read, int expected) {
        return client.getRecords(r -> r.shardIterator(iterator).limit(10_000)).thenCompose(response -> {
            read.addAndGet(response.records().size());
            if (response.records().isEmpty() || read.get() >= expected || response.nextShardIterator() == null) {
                return CompletableFuture.completedFuture(null);
            }
            return readShard(client, response.nextShardIterator(), read, expected);
        });
    }

    /** A fresh mapping from TRIM_HORIZON to a no-op function; records/s until every record was invoked. */
    private static double tributary(
            String streamArn,
            KinesisConnector connector,
            Path dir,
            int expected,
            int batchSize,
            int window,
            CheckpointStore checkpoints)
            throws InterruptedException {
        String name = "noop";
        FunctionConfig function = new FunctionConfig(
                name,
                "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                Duration.ofSeconds(30),
                128,
                Map.of(),
                OptionalInt.empty(),
                new ExecutorConfig("java", Map.of("Handler", NoOpHandler.class.getName())));
        try (Functions functions = Functions.load(List.of(function));
                ThreadPoolScheduler scheduler = new ThreadPoolScheduler(4)) {
            EngineRuntime runtime = new EngineRuntime(
                    functions,
                    List.of(),
                    List.of(connector),
                    checkpoints,
                    OnFailureDestinations.NONE,
                    Clock.systemUTC(),
                    scheduler);
            MappingManager mappings = new MappingManager(
                    new FileMappingStore(dir.resolve("mappings")),
                    functions,
                    List.of(),
                    StreamConnectorLookup.of(List.of(connector)),
                    runtime,
                    Clock.systemUTC(),
                    "us-east-1",
                    "000000000000");
            mappings.start();
            MappingRequest base = MappingRequest.of(name, streamArn);
            MappingRequest request = new MappingRequest(
                    base.functionName(),
                    base.eventSourceArn(),
                    true,
                    batchSize,
                    window,
                    null,
                    null,
                    null,
                    "TRIM_HORIZON",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            long start = System.nanoTime();
            String uuid = mappings.create(request).uuid();
            while (invoked(runtime, uuid) < expected) {
                Thread.sleep(5); // a benchmark, not a test: polling the counter every 5 ms costs nothing measurable
            }
            double rate = invoked(runtime, uuid) / seconds(start);
            runtime.shutdown().join();
            return rate;
        }
    }

    private static long invoked(EngineRuntime runtime, String uuid) {
        return runtime.metrics(uuid)
                .map(m -> m.snapshot().get("InvokedEventCount"))
                .orElse(0L);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
