package io.tributary.app.sqs;

import static io.tributary.app.testing.RecordingFunction.Response.error;
import static io.tributary.app.testing.RecordingFunction.Response.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.app.ServiceOptions;
import io.tributary.app.Tributary;
import io.tributary.app.config.TributaryConfig;
import io.tributary.app.testing.RecordingFunction;
import io.tributary.connectors.sqs.ElasticMqServer;
import io.tributary.connectors.sqs.SqsTestClient;
import io.tributary.connectors.testing.LocalPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS mappings end to end: the real service (config file, connector, engine, http executor) against ElasticMQ, with
 * a recording function. Each test uses its own queue.
 */
class SqsMappingIT {
    private static ElasticMqServer sqs;
    private static SqsTestClient client;

    @TempDir
    Path dataDir;

    private RecordingFunction function;
    private Tributary tributary;

    @BeforeAll
    static void startSqs() {
        sqs = ElasticMqServer.start();
        client = new SqsTestClient(sqs);
    }

    @AfterAll
    static void stopSqs() {
        client.close();
        sqs.close();
    }

    @AfterEach
    void stop() {
        if (tributary != null) {
            tributary.close();
        }
        if (function != null) {
            function.close();
        }
    }

    private void start(String queueYaml, String mappingYaml) {
        start(queueYaml, mappingYaml, 1);
    }

    private void start(String queueYaml, String mappingYaml, int functionTimeoutSeconds) {
        String yaml = "Sqs:\n"
                + "  Endpoint: " + sqs.endpoint() + "\n"
                + "  AccessKeyId: x\n"
                + "  SecretAccessKey: x\n"
                + "  Queues:\n" + queueYaml
                + "Functions:\n"
                + "  - FunctionName: recorder\n"
                + "    Timeout: " + functionTimeoutSeconds + "\n"
                + "    Executor: { Type: http, Url: \"" + function.url() + "\" }\n"
                + "EventSourceMappings:\n"
                + "  - FunctionName: recorder\n" + mappingYaml;
        tributary = Tributary.start(
                TributaryConfig.parse(yaml, "test.yaml"),
                new ServiceOptions(Optional.empty(), LocalPorts.free(), dataDir));
    }

    private static String queue(String name, String attributes) {
        return "    - QueueName: " + name + "\n      Attributes: " + attributes + "\n";
    }

    private static String source(String queue) {
        return "    EventSourceArn: " + sqs.queueArn(queue) + "\n";
    }

    /** The URL of a queue the service created from its config. */
    private String url(String queue) {
        return client.sdk().getQueueUrl(r -> r.queueName(queue)).join().queueUrl();
    }

    @Test
    void function_receives_awss_sqs_event_for_each_message() {
        function = RecordingFunction.start(event -> ok());
        start(queue("shape", "{ VisibilityTimeout: \"30\" }"), source("shape"));

        client.send(
                url("shape"),
                "{\"order\": 42}",
                Map.of(
                        "Author",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("alice")
                                .build()));

        await().atMost(Duration.ofSeconds(20)).until(() -> !function.events().isEmpty());
        JsonNode record = function.events().get(0).get("Records").get(0);
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "messageId",
                        "receiptHandle",
                        "body",
                        "attributes",
                        "messageAttributes",
                        "md5OfMessageAttributes",
                        "md5OfBody",
                        "eventSource",
                        "eventSourceARN",
                        "awsRegion");
        assertThat(record.get("body").isTextual()).isTrue();
        assertThat(record.get("body").asText()).isEqualTo("{\"order\": 42}");
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asText())
                .isEqualTo("1");
        assertThat(record.get("messageAttributes")
                        .get("Author")
                        .get("stringValue")
                        .asText())
                .isEqualTo("alice");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(sqs.queueArn("shape"));
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messagesInQueue(url("shape")) == 0);
    }

    @Test
    void partial_batch_failure_keeps_only_the_reported_message() {
        Set<String> failedOnce = new HashSet<>();
        function = RecordingFunction.start(event -> {
            for (JsonNode record : event.get("Records")) {
                if (record.get("body").asText().equals("b") && failedOnce.add("b")) {
                    return ok("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                            + record.get("messageId").asText() + "\"}]}");
                }
            }
            return ok();
        });
        start(
                queue("partial", "{ VisibilityTimeout: \"1\" }"),
                source("partial") + "    BatchSize: 10\n    MaximumBatchingWindowInSeconds: 1\n"
                        + "    FunctionResponseTypes: [ ReportBatchItemFailures ]\n");

        sendBatch(url("partial"), "a", "b", "c");

        await().atMost(Duration.ofSeconds(20)).until(() -> client.messagesInQueue(url("partial")) == 0);
        assertThat(function.bodies()).containsExactlyInAnyOrder("a", "b", "c", "b");
        JsonNode retry = function.events()
                .get(function.events().size() - 1)
                .get("Records")
                .get(0);
        assertThat(retry.get("body").asText()).isEqualTo("b");
        assertThat(retry.get("attributes").get("ApproximateReceiveCount").asText())
                .isEqualTo("2");
    }

    @Test
    void failing_message_reaches_the_dead_letter_queue_after_max_receive_count() {
        function = RecordingFunction.start(event -> error());
        start(
                queue("work-dlq", "{ VisibilityTimeout: \"30\" }")
                        + queue(
                                "work",
                                "{ VisibilityTimeout: \"1\", RedrivePolicy: '{\"deadLetterTargetArn\":\""
                                        + sqs.queueArn("work-dlq") + "\",\"maxReceiveCount\":\"2\"}' }"),
                source("work"));

        client.send(url("work"), "poison");

        await().atMost(Duration.ofSeconds(30)).until(() -> client.messagesInQueue(url("work-dlq")) == 1);
        assertThat(client.receive(url("work-dlq"), 1).get(0).body()).isEqualTo("poison");
        assertThat(function.bodies()).containsExactly("poison", "poison");
        assertThat(client.messagesInQueue(url("work"))).isZero();
    }

    @Test
    void fifo_message_is_not_processed_ahead_of_an_earlier_failed_message_of_its_group() {
        Set<String> failedOnce = new HashSet<>();
        function = RecordingFunction.start(event -> {
            for (JsonNode record : event.get("Records")) {
                if (record.get("body").asText().equals("A1") && failedOnce.add("A1")) {
                    // Reports only A1; the function (wrongly) reports A2 as done: Tributary must keep A2 anyway.
                    return ok("{\"batchItemFailures\":[{\"itemIdentifier\":\""
                            + record.get("messageId").asText() + "\"}]}");
                }
            }
            return ok();
        });
        start(
                queue(
                        "orders.fifo",
                        "{ VisibilityTimeout: \"1\", FifoQueue: \"true\", ContentBasedDeduplication: \"true\" }"),
                source("orders.fifo") + "    FunctionResponseTypes: [ ReportBatchItemFailures ]\n");
        String url = url("orders.fifo");
        for (String[] m : new String[][] {{"A1", "A"}, {"B1", "B"}, {"A2", "A"}}) {
            client.send(software.amazon.awssdk.services.sqs.model.SendMessageRequest.builder()
                    .queueUrl(url)
                    .messageBody(m[0])
                    .messageGroupId(m[1])
                    .build());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> client.messagesInQueue(url) == 0);
        List<String> bodies = function.bodies();
        int lastA1 = bodies.lastIndexOf("A1");
        assertThat(bodies.lastIndexOf("A2"))
                .as("A2 is delivered again after A1 finally succeeded: %s", bodies)
                .isGreaterThan(lastA1);
        assertThat(bodies.stream().filter("B1"::equals)).hasSize(1);
    }

    @Test
    void maximum_concurrency_bounds_concurrent_invocations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        function = RecordingFunction.start(event -> {
            release.await(30, TimeUnit.SECONDS);
            return ok();
        });
        start(
                queue("busy", "{ VisibilityTimeout: \"60\" }"),
                source("busy") + "    BatchSize: 1\n    ScalingConfig: { MaximumConcurrency: 2 }\n",
                30);
        sendBatch(url("busy"), IntStream.range(0, 10).mapToObj(i -> "m" + i).toArray(String[]::new));

        await().atMost(Duration.ofSeconds(20)).until(() -> function.inFlight() == 2);
        // Holding both invocations, no third one starts while messages are waiting.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> function.inFlight() <= 2);
        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> client.messagesInQueue(url("busy")) == 0);
        assertThat(function.maxInFlight()).isEqualTo(2);
        assertThat(function.bodies()).hasSize(10);
    }

    @Test
    void batching_window_gathers_messages_into_one_invocation() {
        function = RecordingFunction.start(event -> ok());
        start(
                queue("window", "{ VisibilityTimeout: \"30\" }"),
                source("window") + "    BatchSize: 50\n    MaximumBatchingWindowInSeconds: 3\n");

        String url = url("window");
        for (int b = 0; b < 3; b++) {
            int batch = b;
            sendBatch(url, IntStream.range(0, 10).mapToObj(i -> batch + "-" + i).toArray(String[]::new));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> client.messagesInQueue(url) == 0);
        assertThat(function.events()).hasSize(1);
        assertThat(function.events().get(0).get("Records")).hasSize(30);
    }

    @Test
    void message_in_flight_at_shutdown_is_not_deleted_and_is_processed_after_a_restart() {
        CountDownLatch never = new CountDownLatch(1);
        function = RecordingFunction.start(event -> {
            never.await(10, TimeUnit.SECONDS); // outlives the 1 s function timeout
            return ok();
        });
        String queues = queue("inflight", "{ VisibilityTimeout: \"2\" }");
        start(queues, source("inflight"));
        client.send(url("inflight"), "slow");
        await().atMost(Duration.ofSeconds(20)).until(() -> function.inFlight() == 1);

        tributary.close(); // the invocation times out during the shutdown: nothing is deleted
        tributary = null;
        assertThat(client.messagesInQueue(url("inflight"))).isEqualTo(1);

        function.respondWith(event -> ok());
        start(queues, source("inflight"));

        await().atMost(Duration.ofSeconds(20)).until(() -> client.messagesInQueue(url("inflight")) == 0);
        assertThat(function.bodies()).containsExactly("slow", "slow");
    }

    private static void sendBatch(String url, String... bodies) {
        for (int from = 0; from < bodies.length; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.length, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("e" + i)
                        .messageBody(bodies[i])
                        .build());
            }
            client.sdk().sendMessageBatch(r -> r.queueUrl(url).entries(entries)).join();
        }
    }
}
