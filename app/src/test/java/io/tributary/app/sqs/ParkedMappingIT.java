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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Mappings on queues of the embedded server park (wait in process, no long poll) while their queue is fully empty:
 * the whole service with its embedded ElasticMQ and a recording function, checking that no message is lost or
 * delayed by parking.
 */
class ParkedMappingIT {
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    private RecordingFunction function;
    private Tributary tributary;
    private EmbeddedSqs sqs;
    private SqsClient client;

    /** Queues whose mappings must be parked again before the test ends. */
    private final List<String> parkAtEnd = new ArrayList<>();

    @AfterEach
    void stop() {
        // Once idle again, every mapping parks after at most one long poll (20 s) on its now empty queue. Waiting for
        // it also keeps the test from stopping the server under an open long poll, which ElasticMQ lets run out.
        if (tributary != null && sqs != null) {
            for (String queue : parkAtEnd) {
                await().atMost(Duration.ofSeconds(45)).until(() -> sqs.waiting(queue) == 1);
            }
        }
        if (client != null) {
            client.close();
        }
        if (tributary != null) {
            tributary.close();
        }
        if (function != null) {
            function.close();
        }
    }

    @Test
    void aMessageSentToAParkedMappingReachesTheFunctionAsFastAsALongPollDelivers() {
        // given mappings parked on their empty queues, and a function noting when each message arrives
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        function = RecordingFunction.start(event -> {
            arrived.put(event.get("Records").get(0).get("body").asText(), System.nanoTime());
            return ok();
        });
        List<String> queues = List.of("orders-0", "orders-1", "orders-2", "orders-3", "orders-4");
        start(
                queues.stream().map(q -> queue(q, "{}")).reduce("", String::concat),
                queues.stream().map(ParkedMappingIT::mapping).reduce("", String::concat));
        List<Long> parked = new ArrayList<>();
        List<Long> polling = new ArrayList<>();
        for (String queue : queues) {
            awaitParked(queue);

            // when a message is sent to the parked mapping, then it reaches the function at once
            parked.add(sendAndTime(queue, queue + "/parked", arrived));

            // and so does one sent right after it, while the mapping long-polls again (as before parking existed)
            polling.add(sendAndTime(queue, queue + "/polling", arrived));
        }
        // The first of each is left out (JIT, first connections).
        System.out.println("SendMessage returned → function entered, ms: parked mapping " + parked
                + ", long-polling mapping " + polling);
        List<Long> counted = new ArrayList<>(parked.subList(1, parked.size()));
        Collections.sort(counted);
        assertThat(counted.get(counted.size() / 2)).isLessThan(1000);
        assertThat(arrived).hasSize(2 * queues.size());
    }

    /** Sends a message and returns the milliseconds from SendMessage's return to the function receiving it. */
    private long sendAndTime(String queue, String body, Map<String, Long> arrived) {
        send(queue, body, 0);
        long sent = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> arrived.containsKey(body));
        return (arrived.get(body) - sent) / 1_000_000;
    }

    @Test
    void aMessageDelayedLongerThanALongPollIsDeliveredWhenItsDelayEnds() {
        function = RecordingFunction.start(event -> ok());
        start(queue("later", "{ VisibilityTimeout: \"30\" }"), mapping("later"));
        awaitParked("later");

        long sent = System.nanoTime();
        send("later", "in 21 s", 21);

        await().atMost(Duration.ofSeconds(35)).until(() -> !function.bodies().isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(function.bodies()).containsExactly("in 21 s");
    }

    @Test
    void aFailedBatchIsRedeliveredAfterItsVisibilityTimeoutWithNothingElseHappening() {
        // given a function that fails the first invocation
        AtomicInteger calls = new AtomicInteger();
        function = RecordingFunction.start(event -> calls.incrementAndGet() == 1 ? error() : ok());
        start(queue("retry", "{ VisibilityTimeout: \"2\" }"), mapping("retry"));
        awaitParked("retry");

        // when one message is sent
        send("retry", "flaky", 0);

        // then it is invoked again once its visibility timeout ends, and deleted
        await().atMost(Duration.ofSeconds(15)).until(() -> function.bodies().size() == 2);
        assertThat(function.bodies()).containsExactly("flaky", "flaky");
        JsonNode retried = function.events().get(1).get("Records").get(0);
        assertThat(retried.get("attributes").get("ApproximateReceiveCount").asText())
                .isEqualTo("2");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn("retry") == 0);
    }

    @Test
    void aMessageRedrivenToADeadLetterQueueReachesThatQueuesParkedMapping() {
        // given a queue whose messages go to a dead-letter queue after one failed receive, both mapped
        function = RecordingFunction.start(event ->
                event.get("Records").get(0).get("eventSourceARN").asText().endsWith(":work") ? error() : ok());
        start(
                queue("work-dlq", "{ VisibilityTimeout: \"30\" }")
                        + queue(
                                "work",
                                "{ VisibilityTimeout: \"1\", RedrivePolicy: '{\"deadLetterTargetArn\":\""
                                        + arn("work-dlq") + "\",\"maxReceiveCount\":\"1\"}' }"),
                mapping("work") + mapping("work-dlq"));
        awaitParked("work");
        awaitParked("work-dlq");

        // when a message fails
        send("work", "poison", 0);

        // then the dead-letter queue's mapping gets it
        await().atMost(Duration.ofSeconds(15)).until(() -> function.events().size() == 2);
        JsonNode redriven = function.events().get(1).get("Records").get(0);
        assertThat(redriven.get("eventSourceARN").asText()).isEqualTo(arn("work-dlq"));
        assertThat(redriven.get("body").asText()).isEqualTo("poison");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn("work-dlq") == 0 && messagesIn("work") == 0);
    }

    @Test
    void aQueueDeletedUnderAParkedMappingMakesTheMappingReportTheErrorAsBefore() {
        function = RecordingFunction.start(event -> ok());
        start(queue("doomed", "{ VisibilityTimeout: \"30\" }"), mapping("doomed"));
        awaitParked("doomed");
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(stderr, logged), true, StandardCharsets.UTF_8));
        try {
            client.deleteQueue(r -> r.queueUrl(url("doomed")));
            parkAtEnd.remove("doomed");

            await().atMost(Duration.ofSeconds(10)).until(() -> logged.toString(StandardCharsets.UTF_8)
                    .contains("cannot receive from " + arn("doomed")));
            assertThat(sqs.waiting("doomed")).isZero();
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void disablingAParkedMappingStopsItPromptlyAndLeavesNoWaiter() {
        function = RecordingFunction.start(event -> ok());
        start(queue("pause", "{ VisibilityTimeout: \"30\" }"), mapping("pause"));
        awaitParked("pause");
        try (LambdaClient lambda = lambda()) {
            String uuid = lambda.listEventSourceMappings()
                    .eventSourceMappings()
                    .get(0)
                    .uuid();

            lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));

            await().atMost(Duration.ofSeconds(5)).until(() -> lambda.getEventSourceMapping(r -> r.uuid(uuid))
                    .state()
                    .equals("Disabled"));
            assertThat(sqs.waiting("pause")).isZero();

            // and a message sent now waits for the mapping to be enabled again
            send("pause", "after", 0);
            lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> function.bodies().contains("after"));
        }
    }

    @Test
    void shuttingDownWithParkedMappingsIsPrompt() {
        function = RecordingFunction.start(event -> ok());
        start(queue("a", "{}") + queue("b", "{}"), mapping("a") + mapping("b"));
        awaitParked("a");
        awaitParked("b");

        long started = System.nanoTime();
        tributary.close();
        parkAtEnd.clear();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(sqs.waiting("a") + sqs.waiting("b")).isZero();
    }

    @Test
    void messagesStoredBeforeAStartAreDeliveredAfterIt() {
        // given a message stored by an earlier run of the embedded server
        try (EmbeddedSqs earlier = EmbeddedSqs.start(dataDir.resolve("sqs"), 0, "us-east-1", ACCOUNT);
                SqsClient direct = EmbeddedSqsIT.client(earlier)) {
            String url = direct.createQueue(r -> r.queueName("stored")).queueUrl();
            direct.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
        }
        function = RecordingFunction.start(event -> ok());

        // when the service starts with a mapping on that queue
        start(queue("stored", "{}"), mapping("stored"));

        // then the message is delivered (the queue was not empty: no parking), and the mapping parks afterwards
        await().atMost(Duration.ofSeconds(10)).until(() -> function.bodies().contains("kept"));
        parkAtEnd.add("stored");
    }

    private void start(String queues, String mappings) {
        String yaml = "Sqs:\n"
                + "  Port: 0\n"
                + "  Queues:\n" + queues
                + "Functions:\n"
                + "  - FunctionName: recorder\n"
                + "    Timeout: 1\n"
                + "    Executor: { Type: http, Url: \"" + function.url() + "\" }\n"
                + "EventSourceMappings:\n" + mappings;
        tributary = Tributary.start(
                TributaryConfig.parse(yaml, "test.yaml"), new ServiceOptions(Optional.empty(), freePort(), dataDir));
        sqs = tributary.embeddedSqs().orElseThrow();
        client = EmbeddedSqsIT.client(sqs);
    }

    private static String queue(String name, String attributes) {
        return "    - QueueName: " + name + "\n      Attributes: " + attributes + "\n";
    }

    private static String mapping(String queue) {
        return "  - FunctionName: recorder\n    EventSourceArn: " + arn(queue) + "\n";
    }

    private static String arn(String queue) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queue;
    }

    private void awaitParked(String queue) {
        if (!parkAtEnd.contains(queue)) {
            parkAtEnd.add(queue);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.waiting(queue) == 1);
    }

    private String url(String queue) {
        return client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }

    private void send(String queue, String body, int delaySeconds) {
        client.sendMessage(r -> r.queueUrl(url(queue)).messageBody(body).delaySeconds(delaySeconds));
    }

    private int messagesIn(String queue) {
        return client
                .getQueueAttributes(r -> r.queueUrl(url(queue))
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }

    private LambdaClient lambda() {
        return LambdaClient.builder()
                .endpointOverride(tributary.endpoints().api())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
