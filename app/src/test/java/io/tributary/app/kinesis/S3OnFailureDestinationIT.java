package io.tributary.app.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.app.kinesis.Invocations.Call;
import io.tributary.connectors.destination.ConfiguredOnFailureDestinations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 bucket as a Kinesis mapping's on-failure destination, end to end: kinesalite, the stream engine with file
 * checkpoints, a java function in-process, and s3proxy as the S3 server, mappings created through the Lambda API.
 */
class S3OnFailureDestinationIT extends KinesisItSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static LocalS3 s3;

    @TempDir
    Path dataDir;

    private KinesisEngine engine;
    private final AtomicInteger failedPublishes = new AtomicInteger();

    @BeforeAll
    static void startServers() {
        startKinesalite();
        s3 = new LocalS3();
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        stopKinesalite();
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private KinesisEngine engine(String function) {
        engine = KinesisEngine.withDestinations(
                dataDir,
                kinesalite.settings(),
                () -> new PublishCountingDestinations(
                        ConfiguredOnFailureDestinations.builder(KinesisEngine.REGION, KinesisEngine.ACCOUNT)
                                .s3(s3.destinationEndpoint())
                                .build(),
                        failedPublishes),
                List.of(function),
                Clock.systemUTC());
        return engine;
    }

    @Test
    void exhaustedBatchBecomesOneObjectWithLambdasKeyAndTheEventAsPayload() throws Exception {
        String fn = unique("s3exhaust");
        String stream = newStream(1);
        String bucket = unique("failures");
        String bucketArn = s3.createBucket(bucket);
        kinesis.putAll(stream, records("bad", 3, 1));
        failOnBadRecords(fn);
        engine(fn);

        String uuid = createMapping(engine.lambda(), fn, stream, r -> r.maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(bucketArn))));
        eventually().until(() -> !s3.keys(bucket).isEmpty());
        kinesis.put(stream, "key-0", "good|0");
        awaitSize(() -> Invocations.succeeded(fn), 1);

        List<String> keys = s3.keys(bucket);
        assertThat(keys).hasSize(1);
        Matcher key = Pattern.compile("aws/lambda/" + uuid + "/shardId-000000000000/(\\d{4})/(\\d\\d)/(\\d\\d)/"
                        + "(\\d{4})-(\\d\\d)-(\\d\\d)T(\\d\\d)\\.(\\d\\d)\\.(\\d\\d)-" + UUID)
                .matcher(keys.get(0));
        assertThat(key.matches()).as("key %s", keys.get(0)).isTrue();
        assertThat(List.of(key.group(4), key.group(5), key.group(6)))
                .isEqualTo(List.of(key.group(1), key.group(2), key.group(3)));
        Instant written = LocalDateTime.parse(key.group(4) + "-" + key.group(5) + "-" + key.group(6) + "T"
                        + key.group(7) + ":" + key.group(8) + ":" + key.group(9))
                .toInstant(ZoneOffset.UTC);
        assertThat(Duration.between(written, Instant.now()).abs()).isLessThan(Duration.ofMinutes(2));

        List<Call> calls = Invocations.of(fn);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).data()).containsExactly("good|0");
        Call failed = calls.get(0);
        JsonNode object = JSON.readTree(s3.read(bucket, keys.get(0)));
        assertThat(fieldNames(object))
                .containsExactly(
                        "requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo", "payload");
        assertThat(object.get("requestContext").get("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(object.get("requestContext").get("approximateInvokeCount").asInt())
                .isEqualTo(1);
        assertThat(object.get("requestContext").get("functionArn").asText()).isEqualTo(KinesisEngine.functionArn(fn));
        JsonNode info = object.get("KinesisBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(3);
        assertThat(info.get("startSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(0));
        assertThat(info.get("endSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(2));
        assertThat(info.get("streamArn").asText()).isEqualTo(kinesalite.streamArn(stream));
        assertThat(object.get("payload").isObject()).isTrue();
        assertThat(object.get("payload")).isEqualTo(JSON.readTree(failed.event()));
    }

    @Test
    void whileTheBucketIsMissingTheShardWaitsAndItsCheckpointStaysBeforeTheRecords() throws Exception {
        String fn = unique("s3missing");
        String stream = newStream(1);
        String bucket = unique("later");
        String bucketArn = LocalS3.bucketArn(bucket);
        kinesis.putAll(stream, records("bad", 2, 1));
        failOnBadRecords(fn);
        engine(fn);

        createMapping(engine.lambda(), fn, stream, r -> r.maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(bucketArn))));
        eventually().until(() -> failedPublishes.get() >= 1);
        // A restart reads from the checkpoint: the failed records come back, so it has not moved past them.
        engine.restart();
        int failedBeforeRestart = failedPublishes.get();
        awaitSize(() -> Invocations.of(fn), 2);
        eventually().until(() -> failedPublishes.get() > failedBeforeRestart);
        s3.createBucket(bucket);
        eventually().until(() -> !s3.keys(bucket).isEmpty());
        kinesis.put(stream, "key-0", "good|0");
        awaitSize(() -> Invocations.succeeded(fn), 1);

        List<Call> calls = Invocations.of(fn);
        assertThat(calls)
                .extracting(Call::data)
                .containsExactly(List.of("bad|0", "bad|1"), List.of("bad|0", "bad|1"), List.of("good|0"));
        List<String> keys = s3.keys(bucket);
        assertThat(keys).hasSize(1);
        JsonNode object = JSON.readTree(s3.read(bucket, keys.get(0)));
        assertThat(object.get("KinesisBatchInfo").get("startSequenceNumber").asText())
                .isEqualTo(calls.get(0).sequenceNumbers().get(0));
        assertThat(object.get("payload")).isEqualTo(JSON.readTree(calls.get(1).event()));
    }

    private static void failOnBadRecords(String fn) {
        Invocations.script(fn, call -> {
            if (call.data().stream().anyMatch(d -> d.startsWith("bad"))) {
                throw new IllegalStateException("bad record");
            }
            return null;
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
