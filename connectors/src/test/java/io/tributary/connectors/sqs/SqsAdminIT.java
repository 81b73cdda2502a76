package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SqsAdmin#ensureQueues} against an in-process ElasticMQ. */
class SqsAdminIT {
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private static SqsConnector connector;
    private static SqsAdmin admin;

    @BeforeAll
    static void startServer() {
        server = ElasticMqServer.start();
        sqs = new SqsTestClient(server);
        connector = new SqsConnector(server.settings());
        admin = new SqsAdmin(connector);
    }

    @AfterAll
    static void stopServer() {
        connector.close();
        sqs.close();
        server.stop();
    }

    @Test
    void createsMissingQueuesWithTheirAttributesAndFifoQueuesAsFifo() {
        // given
        String standard = queueName("created");
        String fifo = queueName("created") + ".fifo";

        // when
        admin.ensureQueues(List.of(
                new QueueSpec(standard, Map.of("VisibilityTimeout", "45", "DelaySeconds", "1")),
                new QueueSpec(fifo, Map.of("ContentBasedDeduplication", "true"))));

        // then
        var standardQueue = connector.describe(server.queueArn(standard)).orElseThrow();
        assertThat(standardQueue.visibilityTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(standardQueue.fifo()).isFalse();
        assertThat(sqs.queueAttributes(standardQueue.url())).containsEntry("DelaySeconds", "1");
        var fifoQueue = connector.describe(server.queueArn(fifo)).orElseThrow();
        assertThat(fifoQueue.fifo()).isTrue();
        assertThat(sqs.queueAttributes(fifoQueue.url())).containsEntry("ContentBasedDeduplication", "true");
    }

    @Test
    void manyQueuesAreAllCreatedWhenEnsuredInParallel() {
        // given: more queues than are ensured at once
        List<QueueSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < SqsAdmin.PARALLEL_CALLS * 3; i++) {
            specs.add(new QueueSpec(queueName("many"), Map.of("VisibilityTimeout", "40")));
        }

        // when
        admin.ensureQueues(specs);

        // then
        for (QueueSpec spec : specs) {
            assertThat(connector.describe(server.queueArn(spec.queueName())))
                    .hasValueSatisfying(q -> assertThat(q.visibilityTimeout()).isEqualTo(Duration.ofSeconds(40)));
        }
    }

    @Test
    void anExistingQueueIsLeftAsItIsEvenWhenItsAttributesDiffer() {
        // given
        String name = queueName("existing");
        String url = sqs.createQueue(name, Map.of("VisibilityTimeout", "10"));
        sqs.send(url, "keep me");

        // when
        admin.ensureQueues(List.of(new QueueSpec(name, Map.of("VisibilityTimeout", "45"))));
        admin.ensureQueues(List.of(new QueueSpec(name, Map.of("VisibilityTimeout", "45"))));

        // then
        assertThat(connector.describe(server.queueArn(name)).orElseThrow().visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
    }

    @Test
    void amongManyQueuesTheListedOnesAreLeftAsTheyAreAndTheOthersCreated() {
        // given one of three declared queues exists, with another visibility timeout and a message
        String existing = queueName("listed");
        String url = sqs.createQueue(existing, Map.of("VisibilityTimeout", "10"));
        sqs.send(url, "keep me");
        String missing = queueName("unlisted");
        String plain = queueName("unlisted");

        // when
        admin.ensureQueues(List.of(
                new QueueSpec(existing, Map.of("VisibilityTimeout", "45")),
                new QueueSpec(missing, Map.of("VisibilityTimeout", "45")),
                new QueueSpec(plain)));

        // then
        assertThat(connector.describe(server.queueArn(existing)).orElseThrow().visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
        assertThat(connector.describe(server.queueArn(missing)).orElseThrow().visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(connector.describe(server.queueArn(plain))).isPresent();
    }

    @Test
    void anInProcessServerListsTheQueuesAndCreatesThePlainOnes() {
        // given an existing queue with another visibility timeout, known to the in-process listing
        String existing = queueName("listed");
        String url = sqs.createQueue(existing, Map.of("VisibilityTimeout", "10"));
        String plain = queueName("plain");
        String withAttributes = queueName("attributes");
        FakeInProcessQueues inProcess = new FakeInProcessQueues(Map.of(existing, url));

        // when
        new SqsAdmin(connector, inProcess)
                .ensureQueues(List.of(
                        new QueueSpec(existing, Map.of("VisibilityTimeout", "45")),
                        new QueueSpec(plain),
                        new QueueSpec(withAttributes, Map.of("VisibilityTimeout", "45"))));

        // then: listed once; the listed queue is left as it is; only the plain queue is created in process, the one
        // with attributes over HTTP (with them)
        assertThat(inProcess.listings).isEqualTo(1);
        assertThat(inProcess.created).containsExactly(plain);
        assertThat(connector.describe(server.queueArn(existing)).orElseThrow().visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(connector.describe(server.queueArn(plain))).isPresent();
        assertThat(connector
                        .describe(server.queueArn(withAttributes))
                        .orElseThrow()
                        .visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aListingThatFailsLeavesEachQueueToBeLookedUpByName() {
        // given an existing queue and an in-process server that cannot list
        String existing = queueName("exists");
        String url = sqs.createQueue(existing, Map.of("VisibilityTimeout", "10"));
        sqs.send(url, "keep me");
        String missing = queueName("missing");
        FakeInProcessQueues inProcess = new FakeInProcessQueues(null);

        // when
        new SqsAdmin(connector, inProcess)
                .ensureQueues(
                        List.of(new QueueSpec(existing, Map.of("VisibilityTimeout", "45")), new QueueSpec(missing)));

        // then: the existing queue keeps its attributes and message, the missing one is created
        assertThat(connector.describe(server.queueArn(existing)).orElseThrow().visibilityTimeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
        assertThat(inProcess.created).containsExactly(missing);
        assertThat(connector.describe(server.queueArn(missing))).isPresent();
    }

    /**
     * Stands in for an SQS server in this process: lists what it is given (or fails when given {@code null}) and
     * "creates" a plain queue by creating it on the test server, recording the name.
     */
    private static final class FakeInProcessQueues implements SqsAdmin.InProcessQueues {
        private final Map<String, String> listing;
        final List<String> created = new ArrayList<>();
        int listings;

        FakeInProcessQueues(Map<String, String> listing) {
            this.listing = listing;
        }

        @Override
        public synchronized Map<String, String> queueUrlsByName() {
            listings++;
            if (listing == null) {
                throw new SourceException("listing refused");
            }
            return listing;
        }

        @Override
        public synchronized String createWithDefaults(String queueName) {
            created.add(queueName);
            return sqs.createQueue(queueName);
        }
    }

    @Test
    void anInvalidAttributeAmongManyQueuesStillNamesTheQueueAndTheAwsError() {
        String name = queueName("invalid");

        assertThatThrownBy(() -> admin.ensureQueues(List.of(
                        new QueueSpec(queueName("fine")), new QueueSpec(name, Map.of("RedrivePolicy", "not json")))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("CreateQueue")
                .hasMessageContaining(name)
                .hasMessageContaining("InvalidAttributeValue");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() throws Exception {
        // given: the main queue is listed before its DLQ, so ensureQueues must create the DLQ first
        String main = queueName("main");
        String dlq = queueName("main-dlq");
        String redrive = "{\"deadLetterTargetArn\":\"" + server.queueArn(dlq) + "\",\"maxReceiveCount\":2}";
        admin.ensureQueues(List.of(new QueueSpec(main, Map.of("RedrivePolicy", redrive)), new QueueSpec(dlq)));
        SqsQueueSource mainSource = open(main);
        SqsQueueSource dlqSource = open(dlq);
        sqs.send(mainSource.description().url(), "poison");

        // when: received twice without being deleted (each time its visibility timeout "expires")
        for (int receive = 1; receive <= 2; receive++) {
            SourceRecord record = mainSource.receive(1, Duration.ZERO).join().get(0);
            assertThat(SqsQueueSourceIT.parse(record)
                            .at("/attributes/ApproximateReceiveCount")
                            .asText())
                    .isEqualTo(Integer.toString(receive));
            sqs.makeVisible(mainSource.description().url(), record.ackHandle());
        }
        List<SourceRecord> third = mainSource.receive(1, Duration.ZERO).join();

        // then
        assertThat(third).isEmpty();
        List<SourceRecord> dead = dlqSource.receive(10, Duration.ofSeconds(1)).join();
        assertThat(dead).hasSize(1);
        var json = SqsQueueSourceIT.parse(dead.get(0));
        assertThat(json.get("body").asText()).isEqualTo("poison");
        assertThat(SqsQueueSourceIT.fieldNames(json.get("attributes")).get(0)).isEqualTo("DeadLetterQueueSourceArn");
        assertThat(json.at("/attributes/DeadLetterQueueSourceArn").asText()).isEqualTo(server.queueArn(main));
        assertThat(json.get("eventSourceARN").asText()).isEqualTo(server.queueArn(dlq));
    }

    @Test
    void anInvalidAttributeFailsWithSourceExceptionNamingTheQueueAndTheAwsError() {
        String name = queueName("invalid");

        assertThatThrownBy(() -> admin.ensureQueues(List.of(new QueueSpec(name, Map.of("RedrivePolicy", "not json")))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("CreateQueue")
                .hasMessageContaining(name)
                .hasMessageContaining("InvalidAttributeValue");
    }

    @Test
    void aRedrivePolicyToAMissingQueueSaysTheDeadLetterQueueIsMissing() {
        String name = queueName("orphan");
        String missing = server.queueArn(queueName("no-such-dlq"));
        String redrive = "{\"deadLetterTargetArn\":\"" + missing + "\",\"maxReceiveCount\":5}";

        assertThatThrownBy(() -> admin.ensureQueues(List.of(new QueueSpec(name, Map.of("RedrivePolicy", redrive)))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("dead-letter queue " + missing + " named in its RedrivePolicy does not exist");
    }

    private static SqsQueueSource open(String name) {
        return connector.open(connector.describe(server.queueArn(name)).orElseThrow());
    }

    private static String queueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
