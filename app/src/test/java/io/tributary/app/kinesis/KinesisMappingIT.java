package io.tributary.app.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.app.kinesis.Invocations.Call;
import io.tributary.app.kinesis.Invocations.Rec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;

/**
 * Kinesis mappings end to end: kinesalite, the Kinesis connector, the stream engine with file checkpoints, a java
 * function in-process, SQS (ElasticMQ) as on-failure destination, mappings created through the Lambda API with the
 * AWS SDK.
 */
class KinesisMappingIT extends KinesisItSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSqs sqs;

    @TempDir
    Path dataDir;

    private KinesisEngine engine;

    @BeforeAll
    static void startServers() {
        startKinesalite();
        sqs = new LocalSqs();
    }

    @AfterAll
    static void stopServers() {
        sqs.close();
        stopKinesalite();
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private KinesisEngine engine(String function) {
        return engine(function, Clock.systemUTC());
    }

    private KinesisEngine engine(String function, Clock clock) {
        engine = new KinesisEngine(dataDir, kinesalite.settings(), sqs.endpoint(), List.of(function), clock);
        return engine;
    }

    @Test
    void eventIsLambdasKinesisEventWithOneShardPerBatch() throws Exception {
        String fn = unique("shape");
        String stream = newStream(2);
        kinesis.putAll(stream, records("shape", 6, 3));
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> {});
        awaitSize(() -> Invocations.succeeded(fn), 6);

        Map<String, String> expected = expectedRecordJson(stream);
        for (Call call : Invocations.of(fn)) {
            assertThat(call.records().stream().map(Rec::shardId).distinct()).hasSize(1);
            String records = call.sequenceNumbers().stream().map(expected::get).collect(Collectors.joining(","));
            assertThat(call.event()).isEqualTo("{\"Records\":[" + records + "]}");
            KinesisEvent event = LambdaEventSerializers.serializerFor(
                            KinesisEvent.class, getClass().getClassLoader())
                    .fromJson(call.event());
            KinesisEvent.KinesisEventRecord first = event.getRecords().get(0);
            assertThat(first.getKinesis().getPartitionKey())
                    .isEqualTo(call.records().get(0).partitionKey());
            assertThat(StandardCharsets.UTF_8
                            .decode(first.getKinesis().getData().duplicate())
                            .toString())
                    .isEqualTo(call.records().get(0).data());
        }
    }

    /** Every record of the stream in AWS's record shape, built here from GetRecords, by sequence number. */
    private static Map<String, String> expectedRecordJson(String stream) {
        Map<String, String> json = new HashMap<>();
        var client = testConnector.client();
        for (var shard : kinesis.shards(stream)) {
            String iterator = client.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .join()
                    .shardIterator();
            for (Record r :
                    client.getRecords(g -> g.shardIterator(iterator)).join().records()) {
                String seconds = BigDecimal.valueOf(
                                r.approximateArrivalTimestamp().toEpochMilli(), 3)
                        .toPlainString();
                json.put(
                        r.sequenceNumber(),
                        "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"" + r.partitionKey()
                                + "\",\"sequenceNumber\":\"" + r.sequenceNumber() + "\",\"data\":\""
                                + Base64.getEncoder().encodeToString(r.data().asByteArray())
                                + "\",\"approximateArrivalTimestamp\":" + seconds + "},"
                                + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\",\"eventID\":\""
                                + shard.shardId() + ":" + r.sequenceNumber()
                                + "\",\"eventName\":\"aws:kinesis:record\","
                                + "\"invokeIdentityArn\":\"arn:aws:iam::000000000000:role/tributary\","
                                + "\"awsRegion\":\"us-east-1\",\"eventSourceARN\":\"" + kinesalite.streamArn(stream)
                                + "\"}");
            }
        }
        return json;
    }

    @Test
    void deliversEachShardInOrderExactlyOnce() {
        String fn = unique("order");
        String stream = newStream(2);
        kinesis.putAll(stream, records("o", 200, 20));
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.batchSize(10));
        awaitSize(() -> Invocations.succeeded(fn), 200);

        Map<String, List<BigInteger>> perShard = new LinkedHashMap<>();
        for (Call call : Invocations.of(fn)) {
            for (Rec rec : call.records()) {
                perShard.computeIfAbsent(rec.shardId(), s -> new ArrayList<>())
                        .add(new BigInteger(rec.sequenceNumber()));
            }
        }
        assertThat(perShard).hasSize(2);
        perShard.values().forEach(seqs -> assertThat(seqs).isSorted().doesNotHaveDuplicates());
        assertThat(Invocations.succeeded(fn)).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void keepsEachPartitionKeyInOrderUnderParallelizationFactor() {
        String fn = unique("parallel");
        String stream = newStream(1);
        kinesis.putAll(stream, records("p", 300, 30));
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.batchSize(10).parallelizationFactor(5));
        awaitSize(() -> Invocations.succeeded(fn), 300);

        Map<String, List<Integer>> perKey = new LinkedHashMap<>();
        Map<String, String> lane = new HashMap<>(); // keys seen in one batch share a lane (union-find)
        for (Call call : Invocations.of(fn)) {
            String first = call.records().get(0).partitionKey();
            for (Rec rec : call.records()) {
                perKey.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>())
                        .add(index(rec.data()));
                lane.put(root(lane, rec.partitionKey()), root(lane, first));
            }
        }
        assertThat(perKey).hasSize(30);
        perKey.values().forEach(indexes -> assertThat(indexes).hasSize(10).isSorted());
        // One lane would put all 30 keys (written round-robin) into shared batches: one group. Lanes split them.
        Set<String> lanes = new HashSet<>();
        perKey.keySet().forEach(key -> lanes.add(root(lane, key)));
        assertThat(lanes).hasSizeBetween(2, 5);
    }

    @Test
    void retriesAFailingBatchUntilTheFunctionSucceeds() {
        String fn = unique("retry");
        String stream = newStream(1);
        kinesis.putAll(stream, records("r", 5, 5));
        Invocations.script(fn, call -> {
            if (call.number() <= 2) {
                throw new IllegalStateException("failing on purpose, attempt " + call.number());
            }
            return null;
        });
        engine(fn);

        String uuid = createMapping(engine.lambda(), fn, stream, r -> {});
        awaitSize(() -> Invocations.succeeded(fn), 5);

        List<Call> calls = Invocations.of(fn);
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(Call::data).containsOnly(List.of("r|0", "r|1", "r|2", "r|3", "r|4"));
        eventually().until(() -> "OK"
                .equals(engine.lambda().getEventSourceMapping(r -> r.uuid(uuid)).lastProcessingResult()));
    }

    @Test
    void maximumRetryAttemptsSendsAwsOnFailureRecordToSqsThenMovesOn() throws Exception {
        String fn = unique("exhaust");
        String stream = newStream(1);
        String queue = unique("failures");
        String queueArn = sqs.createQueue(queue);
        kinesis.putAll(stream, records("bad", 3, 1));
        Invocations.script(fn, call -> {
            if (call.data().stream().anyMatch(d -> d.startsWith("bad"))) {
                throw new IllegalStateException("bad record");
            }
            return null;
        });
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn))));
        List<String> failures = new ArrayList<>();
        eventually().until(() -> {
            failures.addAll(sqs.drain(queue));
            return !failures.isEmpty();
        });
        kinesis.put(stream, "key-0", "good|0");
        awaitSize(() -> Invocations.succeeded(fn), 1);

        assertThat(failures).hasSize(1);
        List<Call> calls = Invocations.of(fn);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).data()).containsExactly("good|0");
        Call failed = calls.get(0);
        JsonNode record = JSON.readTree(failures.get(0));
        assertThat(fieldNames(record))
                .containsExactly("requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo");
        assertThat(record.get("requestContext").get("functionArn").asText()).isEqualTo(KinesisEngine.functionArn(fn));
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt())
                .isEqualTo(2);
        assertThat(record.get("requestContext").get("requestId").asText()).isNotBlank();
        assertThat(record.get("responseContext").toString())
                .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}");
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(record.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode info = record.get("KinesisBatchInfo");
        assertThat(fieldNames(info))
                .containsExactly(
                        "shardId",
                        "startSequenceNumber",
                        "endSequenceNumber",
                        "approximateArrivalOfFirstRecord",
                        "approximateArrivalOfLastRecord",
                        "batchSize",
                        "streamArn");
        assertThat(info.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(info.get("startSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(0));
        assertThat(info.get("endSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(2));
        assertThat(info.get("approximateArrivalOfFirstRecord").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(info.get("batchSize").asInt()).isEqualTo(3);
        assertThat(info.get("streamArn").asText()).isEqualTo(kinesalite.streamArn(stream));
    }

    @Test
    void recordsOlderThanMaximumRecordAgeGoToTheDestinationWithoutResponseContext() throws Exception {
        String fn = unique("age");
        String stream = newStream(1);
        String queue = unique("aged");
        String queueArn = sqs.createQueue(queue);
        kinesis.putAll(stream, records("old", 2, 1));
        Invocations.script(fn, call -> {
            throw new IllegalStateException("always failing");
        });
        // The engine's clock runs 5 minutes ahead: every record is older than the 60 s limit when it fails.
        engine(fn, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)));

        createMapping(engine.lambda(), fn, stream, r -> r.maximumRecordAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn))));
        List<String> failures = new ArrayList<>();
        eventually().until(() -> {
            failures.addAll(sqs.drain(queue));
            return !failures.isEmpty();
        });

        JsonNode record = JSON.readTree(failures.get(0));
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt())
                .isEqualTo(1);
        assertThat(record.has("responseContext")).isFalse();
        assertThat(record.get("KinesisBatchInfo").get("batchSize").asInt()).isEqualTo(2);
        assertThat(Invocations.of(fn)).hasSize(1);
    }

    @Test
    void bisectIsolatesOnePoisonRecordAmongOneHundred() throws Exception {
        String fn = unique("bisect");
        String stream = newStream(1);
        String queue = unique("poison");
        String queueArn = sqs.createQueue(queue);
        kinesis.putAll(stream, records("b", 100, 7));
        Invocations.script(fn, call -> {
            if (call.data().contains("b|37")) {
                throw new IllegalStateException("poison record");
            }
            return null;
        });
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.batchSize(100)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn))));
        List<String> failures = new ArrayList<>();
        eventually().until(() -> {
            failures.addAll(sqs.drain(queue));
            return !failures.isEmpty() && Invocations.succeeded(fn).size() >= 99;
        });

        List<String> all = IntStream.range(0, 100).mapToObj(i -> "b|" + i).toList();
        assertThat(Invocations.succeeded(fn))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().filter(d -> !d.equals("b|37")).toList());
        assertThat(Invocations.of(fn)).hasSize(13);
        assertThat(Invocations.of(fn).get(0).records()).hasSize(100);
        JsonNode info = JSON.readTree(failures.get(0)).get("KinesisBatchInfo");
        String poison = Invocations.of(fn).get(0).sequenceNumbers().get(37);
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(poison);
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(poison);
        assertThat(JSON.readTree(failures.get(0))
                        .get("requestContext")
                        .get("approximateInvokeCount")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void partialBatchResponseRetriesFromTheFirstFailedRecord() {
        String fn = unique("partial");
        String stream = newStream(1);
        kinesis.putAll(stream, records("q", 10, 10));
        Invocations.script(
                fn,
                call -> call.number() == 1
                        ? "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                                + call.sequenceNumbers().get(6) + "\"},{\"itemIdentifier\":\""
                                + call.sequenceNumbers().get(4) + "\"}]}"
                        : null);
        engine(fn);

        createMapping(
                engine.lambda(),
                fn,
                stream,
                r -> r.functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
        awaitSize(() -> Invocations.succeeded(fn), 10);

        List<Call> calls = Invocations.of(fn);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).sequenceNumbers())
                .isEqualTo(calls.get(0).sequenceNumbers().subList(4, 10));
        assertThat(Invocations.succeeded(fn))
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(i -> "q|" + i).toList());
    }

    @Test
    void splitAndMergeDeliverParentsBeforeChildrenAndFollowReshardingWhileRunning() {
        String fn = unique("reshard");
        String stream = newStream(1);
        kinesis.putAll(stream, records("parent", 30, 5));
        kinesis.split(stream, "shardId-000000000000");
        kinesis.putAll(stream, records("child", 60, 12));
        kinesis.merge(stream, "shardId-000000000001", "shardId-000000000002");
        kinesis.putAll(stream, records("merged", 30, 5));
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.batchSize(10));
        awaitSize(() -> Invocations.succeeded(fn), 120);
        // Resharding while the mapping runs: the merged shard splits; its children are found and read.
        kinesis.split(stream, "shardId-000000000003");
        kinesis.putAll(stream, records("late", 20, 10));
        awaitSize(() -> Invocations.succeeded(fn), 140);

        List<String> order = Invocations.succeeded(fn);
        assertThat(order).doesNotHaveDuplicates().hasSize(140);
        int lastParent = lastIndex(order, "parent|");
        int firstChild = firstIndex(order, "child|");
        int lastChild = lastIndex(order, "child|");
        int firstMerged = firstIndex(order, "merged|");
        int lastMerged = lastIndex(order, "merged|");
        int firstLate = firstIndex(order, "late|");
        assertThat(lastParent).isLessThan(firstChild);
        assertThat(lastChild).isLessThan(firstMerged);
        assertThat(lastMerged).isLessThan(firstLate);
        Map<String, List<Integer>> perKey = new LinkedHashMap<>();
        for (Call call : Invocations.of(fn)) {
            for (Rec rec : call.records()) {
                perKey.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>())
                        .add(order.indexOf(rec.data()));
            }
        }
        perKey.values().forEach(positions -> assertThat(positions).isSorted());
    }

    @Test
    void restartResumesExactlyAfterTheCheckpoint() throws Exception {
        String fn = unique("restart");
        String stream = newStream(2);
        kinesis.putAll(stream, records("before", 50, 10));
        engine(fn);
        createMapping(engine.lambda(), fn, stream, r -> r.batchSize(10));
        awaitSize(() -> Invocations.succeeded(fn), 50);

        engine.restart();
        kinesis.putAll(stream, records("after", 50, 10));
        awaitSize(() -> Invocations.succeeded(fn), 100);

        assertThat(Invocations.succeeded(fn)).doesNotHaveDuplicates().hasSize(100);
        try (var files = Files.walk(engine.checkpointDir())) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
    }

    private static String root(Map<String, String> parent, String key) {
        String p = parent.getOrDefault(key, key);
        return p.equals(key) ? key : root(parent, p);
    }

    private static int index(String data) {
        return Integer.parseInt(data.substring(data.indexOf('|') + 1));
    }

    private static int firstIndex(List<String> order, String prefix) {
        return IntStream.range(0, order.size())
                .filter(i -> order.get(i).startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    private static int lastIndex(List<String> order, String prefix) {
        return IntStream.range(0, order.size())
                .filter(i -> order.get(i).startsWith(prefix))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
