package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.SourceException;
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
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@link SqsQueueSource#delete} against an in-process ElasticMQ: DeleteMessageBatch chunks, stale receipt handles,
 * and entries SQS fails (injected by {@link DeleteFaultInjector} on a real client, since ElasticMQ never fails them).
 */
class SqsDeleterIT {
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private SqsConnector connector;

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
        if (connector != null) {
            connector.close();
        }
    }

    @Test
    void twentyFiveMessagesAreDeletedInThreeBatchesAndTheQueueDrains() {
        // given
        var faults = new DeleteFaultInjector(0);
        String url = sqs.createQueue(queueName("drain"));
        SqsQueueSource source = open(url, faults);
        List<SourceRecord> received = sendAndReceive(url, source, 25);

        // when
        source.delete(received).join();

        // then
        assertThat(received).extracting(SourceRecord::id).doesNotHaveDuplicates();
        assertThat(faults.deleteCalls).hasValue(3);
        assertThat(faults.entriesPerCall).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(sqs.messagesInQueue(url)).isZero();
    }

    @Test
    void aStaleOrInvalidReceiptHandleIsLoggedNotAnError() {
        // given: message A received twice (its first handle is stale), message B received once, a made-up handle
        String url = sqs.createQueue(queueName("stale"));
        SqsQueueSource source = open(url, new DeleteFaultInjector(0));
        sqs.send(url, "A");
        SourceRecord staleA = source.receive(1, Duration.ZERO).join().get(0);
        sqs.makeVisible(url, staleA.ackHandle());
        SourceRecord currentA = source.receive(1, Duration.ofSeconds(1)).join().get(0);
        sqs.send(url, "B");
        SourceRecord b = source.receive(1, Duration.ofSeconds(1)).join().get(0);
        SourceRecord madeUp = new SourceRecord("made-up", "not-a-receipt-handle", null, b.json(), Instant.now());

        // when
        source.delete(List.of(staleA, b, madeUp)).join();

        // then: B is gone; A is still there, in flight under its current handle
        assertThat(currentA.id()).isEqualTo(staleA.id());
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
        source.delete(List.of(currentA)).join();
        assertThat(sqs.messagesInQueue(url)).isZero();
    }

    @Test
    void anEntryThatFailsOnceIsRetriedAndDeleted() {
        // given
        var faults = new DeleteFaultInjector(1);
        String url = sqs.createQueue(queueName("retry"));
        SqsQueueSource source = open(url, faults);
        List<SourceRecord> received = sendAndReceive(url, source, 3);

        // when
        source.delete(received).join();

        // then
        assertThat(faults.deleteCalls).hasValue(2);
        assertThat(faults.entriesPerCall).containsExactly(3, 1); // the retry sends only the failed entry
        assertThat(sqs.messagesInQueue(url)).isZero();
    }

    @Test
    void anEntryThatFailsTwiceFailsTheFutureNamingTheMessage() {
        // given
        var faults = new DeleteFaultInjector(2);
        String url = sqs.createQueue(queueName("fail"));
        SqsQueueSource source = open(url, faults);
        List<SourceRecord> received = sendAndReceive(url, source, 3);

        // when
        Throwable failure =
                source.delete(received).handle((ignored, error) -> error).join();

        // then
        assertThat(failure)
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("could not delete 1 message(s)")
                .hasMessageContaining(received.get(0).id())
                .hasMessageContaining("InternalError");
        assertThat(faults.deleteCalls).hasValue(2);
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
    }

    @Test
    void deletingNothingMakesNoCall() {
        var faults = new DeleteFaultInjector(0);
        SqsQueueSource source = open(sqs.createQueue(queueName("empty")), faults);

        source.delete(List.of()).join();

        assertThat(faults.deleteCalls).hasValue(0);
    }

    private SqsQueueSource open(String url, DeleteFaultInjector faults) {
        SqsAsyncClient client = server.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(faults))
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
