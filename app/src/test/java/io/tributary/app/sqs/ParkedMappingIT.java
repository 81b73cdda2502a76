package io.tributary.app.sqs;

import static io.tributary.app.sqs.EmbeddedService.arn;
import static io.tributary.app.sqs.EmbeddedService.mapping;
import static io.tributary.app.sqs.EmbeddedService.queue;
import static io.tributary.app.testing.RecordingFunction.Response.error;
import static io.tributary.app.testing.RecordingFunction.Response.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.app.testing.RecordingFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Mappings on queues of the embedded server park (wait in process, no long poll) while their queue is fully empty:
 * the whole service with its embedded ElasticMQ and a recording function, checking that no message is lost or
 * delayed by parking. One service for the class, one queue (and mapping) per test.
 */
class ParkedMappingIT {
    private static final List<String> LATENCY_QUEUES =
            List.of("orders-0", "orders-1", "orders-2", "orders-3", "orders-4");
    /** When each message (by body) reached the function. */
    private static final Map<String, Long> arrived = new ConcurrentHashMap<>();

    private static final AtomicBoolean retryFailed = new AtomicBoolean();
    private static Path dataDir;
    private static RecordingFunction function;
    private static EmbeddedService service;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("parked-mapping-it");
        // Fails every batch from "work" (so it goes to its dead-letter queue) and the first batch from "retry".
        function = RecordingFunction.start(event -> {
            JsonNode record = event.get("Records").get(0);
            arrived.put(record.get("body").asText(), System.nanoTime());
            String source = record.get("eventSourceARN").asText();
            if (source.equals(arn("work")) || (source.equals(arn("retry")) && retryFailed.compareAndSet(false, true))) {
                return error();
            }
            return ok();
        });
        StringBuilder queues = new StringBuilder();
        StringBuilder mappings = new StringBuilder();
        for (String queue : LATENCY_QUEUES) {
            queues.append(queue(queue, "{}"));
            mappings.append(mapping(queue));
        }
        queues.append(queue("later", "{}"))
                .append(queue("retry", "{ VisibilityTimeout: \"2\" }"))
                .append(queue("work-dlq", "{}"))
                .append(queue(
                        "work",
                        "{ VisibilityTimeout: \"1\", RedrivePolicy: '{\"deadLetterTargetArn\":\"" + arn("work-dlq")
                                + "\",\"maxReceiveCount\":\"1\"}' }"))
                .append(queue("doomed", "{}"))
                .append(queue("pause", "{}"));
        for (String queue : List.of("later", "retry", "work", "work-dlq", "doomed", "pause")) {
            mappings.append(mapping(queue));
        }
        service = EmbeddedService.start(dataDir, function, queues.toString(), mappings.toString());
    }

    @AfterAll
    static void stop() {
        try {
            service.close();
        } finally {
            function.close();
        }
    }

    @Test
    void aMessageSentToAParkedMappingReachesTheFunctionAsFastAsALongPollDelivers() {
        List<Long> parked = new ArrayList<>();
        List<Long> polling = new ArrayList<>();
        for (String queue : LATENCY_QUEUES) {
            // given a parked mapping
            service.awaitParked(queue, Duration.ofSeconds(10));

            // when a message is sent to it, then it reaches the function at once
            parked.add(sendAndTime(queue, queue + "/parked"));

            // and so does one sent right after it, while the mapping long-polls again (as before parking existed)
            polling.add(sendAndTime(queue, queue + "/polling"));
        }
        // The first of each is left out (JIT, first connections).
        System.out.println("SendMessage returned → function entered, ms: parked mapping " + parked
                + ", long-polling mapping " + polling);
        List<Long> counted = new ArrayList<>(parked.subList(1, parked.size()));
        Collections.sort(counted);
        assertThat(counted.get(counted.size() / 2)).isLessThan(1000);
    }

    @Test
    void aMessageDelayedLongerThanALongPollIsDeliveredWhenItsDelayEnds() {
        service.awaitParked("later", Duration.ofSeconds(10));

        long sent = System.nanoTime();
        service.send("later", "in 21 s", 21);

        await().atMost(Duration.ofSeconds(35)).until(() -> arrived.containsKey("in 21 s"));
        assertThat(Duration.ofNanos(arrived.get("in 21 s") - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aFailedBatchIsRedeliveredAfterItsVisibilityTimeoutWithNothingElseHappening() {
        // given a parked mapping whose function fails its first batch
        service.awaitParked("retry", Duration.ofSeconds(10));

        // when one message is sent
        service.send("retry", "flaky", 0);

        // then it is invoked again once its visibility timeout ends, and deleted
        await().atMost(Duration.ofSeconds(15)).until(() -> invocations("retry").size() == 2);
        JsonNode retried = invocations("retry").get(1);
        assertThat(retried.get("body").asText()).isEqualTo("flaky");
        assertThat(retried.get("attributes").get("ApproximateReceiveCount").asText())
                .isEqualTo("2");
        await().atMost(Duration.ofSeconds(10)).until(() -> service.messagesIn("retry") == 0);
    }

    @Test
    void aMessageRedrivenToADeadLetterQueueReachesThatQueuesParkedMapping() {
        // given a queue whose messages go to a dead-letter queue after one failed receive, both mappings parked
        service.awaitParked("work", Duration.ofSeconds(10));
        service.awaitParked("work-dlq", Duration.ofSeconds(10));

        // when a message fails
        service.send("work", "poison", 0);

        // then the dead-letter queue's mapping gets it
        await().atMost(Duration.ofSeconds(15))
                .until(() -> invocations("work-dlq").size() == 1);
        assertThat(invocations("work-dlq").get(0).get("body").asText()).isEqualTo("poison");
        assertThat(invocations("work")).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.messagesIn("work-dlq") == 0 && service.messagesIn("work") == 0);
    }

    @Test
    void aQueueDeletedUnderAParkedMappingMakesTheMappingReportTheErrorAsBefore() {
        service.awaitParked("doomed", Duration.ofSeconds(10));
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(stderr, logged), true, StandardCharsets.UTF_8));
        try {
            service.client.deleteQueue(r -> r.queueUrl(service.url("doomed")));

            await().atMost(Duration.ofSeconds(10)).until(() -> logged.toString(StandardCharsets.UTF_8)
                    .contains("cannot receive from " + arn("doomed")));
            assertThat(service.sqs.waiting("doomed")).isZero();
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void disablingAParkedMappingStopsItPromptlyAndItsWaiterEndsWithinTheWait() {
        service.awaitParked("pause", Duration.ofSeconds(10));
        try (LambdaClient lambda = service.lambda()) {
            String uuid = lambda.listEventSourceMappings(r -> r.eventSourceArn(arn("pause")))
                    .eventSourceMappings()
                    .get(0)
                    .uuid();

            lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));

            await().atMost(Duration.ofSeconds(5)).until(() -> lambda.getEventSourceMapping(r -> r.uuid(uuid))
                    .state()
                    .equals("Disabled"));
            // A stopping mapping does not cut its receive short (docs/sqs.md, "Stopping"): parked, it ends without a
            // call when its wait (20 s) is over.
            await().atMost(Duration.ofSeconds(25)).until(() -> service.sqs.waiting("pause") == 0);

            // and a message sent now waits for the mapping to be enabled again
            service.send("pause", "after", 0);
            lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> arrived.containsKey("after"));
        }
    }

    private static long sendAndTime(String queue, String body) {
        service.send(queue, body, 0);
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> arrived.containsKey(body));
        return (arrived.get(body) - sent) / 1_000_000;
    }

    /** The records the function received from {@code queue}, in arrival order. */
    private static List<JsonNode> invocations(String queue) {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode event : function.events()) {
            event.get("Records").forEach(r -> {
                if (r.get("eventSourceARN").asText().equals(arn(queue))) {
                    records.add(r);
                }
            });
        }
        return records;
    }

    /** Writes to the real stderr and keeps a copy for the test. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
