package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;

/**
 * {@link SqsQueueSource#release} against an in-process ElasticMQ: messages received under the default 30 s visibility
 * timeout are visible again at once; receipt handles that are no longer valid are not errors.
 */
class SqsReleaserIT {
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private SqsConnector connector;
    private final List<Integer> entriesPerCall = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = ElasticMqServer.start();
        sqs = new SqsTestClient(server);
    }

    @AfterAll
    static void stopServer() {
        sqs.close();
        server.stop();
    }

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    @Test
    void twentyFiveReceivedMessagesAreReleasedInThreeCallsAndCanBeReceivedAgainAtOnce() {
        // given: 25 messages received (hidden for the queue's default 30 s)
        String url = sqs.createQueue(queueName("release"));
        SqsQueueSource source = open(url);
        List<SourceRecord> received = sendAndReceive(url, source, 25);
        assertThat(sqs.queueAttributes(url)).containsEntry("ApproximateNumberOfMessagesNotVisible", "25");

        // when
        source.release(received).join();

        // then: 10 + 10 + 5 entries, every message visible again and received again at once
        assertThat(entriesPerCall).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(sqs.queueAttributes(url))
                .containsEntry("ApproximateNumberOfMessages", "25")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        List<SourceRecord> again = new ArrayList<>();
        while (again.size() < 25) {
            again.addAll(source.receive(10, Duration.ZERO).join());
        }
        assertThat(again)
                .extracting(SourceRecord::id)
                .containsExactlyInAnyOrderElementsOf(
                        received.stream().map(SourceRecord::id).toList());
    }

    @Test
    void staleReceiptHandlesAndDeletedMessagesAreNotErrors() {
        // given: message A received twice (its first handle is stale), message B received and deleted, a made-up handle
        String url = sqs.createQueue(queueName("stale"));
        SqsQueueSource source = open(url);
        sqs.send(url, "A");
        SourceRecord staleA = source.receive(1, Duration.ZERO).join().get(0);
        sqs.makeVisible(url, staleA.ackHandle());
        SourceRecord currentA = source.receive(1, Duration.ofSeconds(1)).join().get(0);
        sqs.send(url, "B");
        SourceRecord b = source.receive(1, Duration.ofSeconds(1)).join().get(0);
        source.delete(List.of(b)).join();
        SourceRecord madeUp = new SourceRecord("made-up", "not-a-receipt-handle", null, b.json(), Instant.now());

        // when: releasing them succeeds
        source.release(List.of(staleA, b, madeUp)).join();

        // then: A is still in flight under its current handle; B stays deleted
        assertThat(currentA.id()).isEqualTo(staleA.id());
        assertThat(sqs.queueAttributes(url))
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
    }

    @Test
    void releasingNothingMakesNoCall() {
        SqsQueueSource source = open(sqs.createQueue(queueName("empty")));

        source.release(List.of()).join();

        assertThat(entriesPerCall).isEmpty();
    }

    private SqsQueueSource open(String url) {
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                if (request instanceof ChangeMessageVisibilityBatchRequest batch) {
                    synchronized (entriesPerCall) {
                        entriesPerCall.add(batch.entries().size());
                    }
                }
            }
        };
        SqsAsyncClient client = server.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(counting))
                .build();
        connector = new SqsConnector(server.settings(), client, Clock.systemUTC());
        String name = url.substring(url.lastIndexOf('/') + 1);
        return connector.open(connector.describe(server.queueArn(name)).orElseThrow());
    }

    private static List<SourceRecord> sendAndReceive(String url, SqsQueueSource source, int count) {
        sqs.sendNumbered(url, count);
        List<SourceRecord> received = new ArrayList<>();
        while (received.size() < count) {
            received.addAll(source.receive(10, Duration.ofSeconds(1)).join());
        }
        return received;
    }

    private static String queueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
