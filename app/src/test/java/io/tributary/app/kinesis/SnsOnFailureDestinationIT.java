package io.tributary.app.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.Payload;
import io.tributary.api.SourceException;
import io.tributary.app.kinesis.Invocations.Call;
import io.tributary.connectors.destination.ConfiguredOnFailureDestinations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SNS topic as a Kinesis mapping's on-failure destination, end to end: kinesalite, the stream engine, a java
 * function in-process, and fauxqs as the SNS server (the topic read through a subscribed SQS queue).
 */
class SnsOnFailureDestinationIT extends KinesisItSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSns sns;

    @TempDir
    Path dataDir;

    private KinesisEngine engine;

    @BeforeAll
    static void startServers() {
        startKinesalite();
        sns = new LocalSns();
    }

    @AfterAll
    static void stopServers() {
        sns.close();
        stopKinesalite();
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void exhaustedBatchIsPublishedAsLambdasRecordWithoutRecordData() throws Exception {
        String fn = unique("snsexhaust");
        String stream = newStream(1);
        String topic = unique("failures");
        String topicArn = sns.createTopicWithQueue(topic);
        kinesis.putAll(stream, records("bad", 2, 1));
        Invocations.script(fn, call -> {
            if (call.data().stream().anyMatch(d -> d.startsWith("bad"))) {
                throw new IllegalStateException("bad record");
            }
            return null;
        });
        engine = KinesisEngine.withDestinations(
                dataDir,
                kinesalite.settings(),
                () -> ConfiguredOnFailureDestinations.builder(KinesisEngine.REGION, KinesisEngine.ACCOUNT)
                        .sns(sns.destinationEndpoint())
                        .build(),
                List.of(fn),
                Clock.systemUTC());

        createMapping(engine.lambda(), fn, stream, r -> r.maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(topicArn))));
        List<String> messages = new ArrayList<>();
        KinesisItSupport.eventually().until(() -> {
            messages.addAll(sns.drain(topic));
            return !messages.isEmpty();
        });
        kinesis.put(stream, "key-0", "good|0");
        awaitSize(() -> Invocations.succeeded(fn), 1);

        assertThat(messages).hasSize(1);
        Call failed = Invocations.of(fn).get(0);
        JsonNode record = JSON.readTree(messages.get(0));
        assertThat(fieldNames(record))
                .containsExactly("requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo");
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt())
                .isEqualTo(1);
        JsonNode info = record.get("KinesisBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(2);
        assertThat(info.get("startSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(0));
        assertThat(info.get("endSequenceNumber").asText())
                .isEqualTo(failed.sequenceNumbers().get(1));
        assertThat(Invocations.of(fn)).hasSize(2);
    }

    @Test
    void publishingToATopicThatDoesNotExistFailsWithSnsError() {
        String missing = "arn:aws:sns:us-east-1:000000000000:" + unique("missing");
        OnFailureRecord record = new OnFailureRecord(
                "a1b2c3d4-0000-4000-8000-000000000001",
                "shardId-000000000000",
                Payload.utf8("{\"version\":\"1.0\"}"),
                Payload.utf8("{\"Records\":[]}"));

        try (var destinations = ConfiguredOnFailureDestinations.builder(KinesisEngine.REGION, KinesisEngine.ACCOUNT)
                .sns(sns.destinationEndpoint())
                .build()) {
            var published = destinations.find(missing).orElseThrow().publish(record);

            assertThat(published)
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(SourceException.class)
                    .withMessageStartingWith(
                            "publishing the on-failure record to SNS topic " + missing + " failed with ");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
