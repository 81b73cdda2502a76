package io.tributary.mapper.control;

import static io.tributary.mapper.control.RequestBuilder.request;
import static io.tributary.mapper.control.RequestBuilder.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.FakeQueueConnector;
import io.tributary.mapper.testing.InMemoryMappingStore;
import io.tributary.mapper.testing.RecordingMappingRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MappingManager#createAll} (the config file's mappings at start) and {@link MappingManager#isUpToDate}. */
class MappingManagerBatchTest {
    static final String FN = "my-fn";
    static final String Q1 = "arn:aws:sqs:us-east-1:000000000000:q1";
    static final String Q2 = "arn:aws:sqs:us-east-1:000000000000:q2";
    static final String MISSING = "arn:aws:sqs:us-east-1:000000000000:missing";

    final FakeFunctionRegistry functions = new FakeFunctionRegistry().add(FN).add("other-fn");
    final CountingQueues queues =
            new CountingQueues(new FakeQueueConnector().add(Q1).add(Q2));
    final InMemoryMappingStore store = new InMemoryMappingStore();
    final RecordingMappingRuntime runtime = new RecordingMappingRuntime();
    MappingManager manager;

    @BeforeEach
    void setUp() {
        manager = new MappingManager(
                store,
                functions,
                List.of(queues),
                runtime,
                new ManualClock(Instant.parse("2024-05-01T10:00:00Z")),
                "us-east-1",
                "000000000000");
        manager.start();
    }

    @Test
    void createAllStoresEveryMappingInOrderAndStartsTheEnabledOnes() {
        // when
        List<EventSourceMapping> created = manager.createAll(List.of(
                request(FN, Q1).build(),
                request(FN, Q2).enabled(false).build(),
                request("other-fn", Q1).batchSize(5).build()));

        // then: answered as Create answers, stored in request order, the enabled ones handed to the runtime
        assertThat(created)
                .extracting(EventSourceMapping::state)
                .containsExactly(MappingState.Creating, MappingState.Disabled, MappingState.Creating);
        assertThat(store.loadAll()).extracting(EventSourceMapping::uuid).containsExactlyElementsOf(uuids(created));
        assertThat(manager.list(null, null, null, null).mappings())
                .extracting(EventSourceMapping::uuid)
                .containsExactlyElementsOf(uuids(created));
        assertThat(runtime.applied)
                .extracting(EventSourceMapping::uuid)
                .containsExactly(created.get(0).uuid(), created.get(2).uuid());
        assertThat(manager.get(created.get(2).uuid()).batchSize()).isEqualTo(5);
        assertThat(manager.get(created.get(0).uuid()).state()).isEqualTo(MappingState.Enabled);
    }

    @Test
    void createAllDescribesEachQueueOnce() {
        // when: three mappings on two queues
        manager.createAll(List.of(
                request(FN, Q1).build(),
                request("other-fn", Q1).build(),
                request(FN, Q2).build()));

        // then
        assertThat(queues.describes.get()).isEqualTo(2);
    }

    @Test
    void aRejectedRequestRejectsTheWholeBatchWithCreatesError() {
        // when the second request names a queue that does not exist
        assertThatThrownBy(() -> manager.createAll(List.of(
                        request(FN, Q1).build(),
                        request(FN, MISSING).build(),
                        request(FN, Q2).build())))
                // then: its index and the error Create gives for it
                .isInstanceOfSatisfying(BatchCreateException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason().type()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.reason().getMessage()).isEqualTo(SqsRules.NON_EXISTENT_QUEUE);
                });
        // and nothing was stored or started
        assertThat(store.loadAll()).isEmpty();
        assertThat(manager.list(null, null, null, null).mappings()).isEmpty();
        assertThat(runtime.applied).isEmpty();
    }

    @Test
    void theModelConstraintsOfEveryRequestAreCheckedWithTheRequestsIndex() {
        assertThatThrownBy(() -> manager.createAll(List.of(
                        request(FN, Q1).build(), request(FN, Q2).batchSize(0).build())))
                .isInstanceOfSatisfying(BatchCreateException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason().type()).isEqualTo("ValidationException");
                });
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void aDuplicateWithinTheBatchOrOfAStoredMappingConflicts() {
        assertThatThrownBy(() -> manager.createAll(
                        List.of(request(FN, Q1).build(), request(FN, Q1).build())))
                .isInstanceOfSatisfying(BatchCreateException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason().type()).isEqualTo("ResourceConflictException");
                });
        String stored = manager.create(request(FN, Q2).build()).uuid();

        assertThatThrownBy(() -> manager.createAll(
                        List.of(request(FN, Q1).build(), request(FN, Q2).build())))
                .isInstanceOfSatisfying(BatchCreateException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason().getMessage()).endsWith("UUID " + stored);
                });
        assertThat(store.loadAll()).extracting(EventSourceMapping::uuid).containsExactly(stored);
    }

    @Test
    void aMappingIsUpToDateWithItsOwnValuesWithoutDescribingItsQueue() {
        // given
        String uuid = manager.create(request(FN, Q1).batchSize(5).build()).uuid();
        int describes = queues.describes.get();

        // then
        assertThat(manager.isUpToDate(
                        uuid, update().functionName(FN).batchSize(5).build()))
                .isTrue();
        assertThat(manager.isUpToDate(uuid, update().batchSize(5).enabled(true).build()))
                .isTrue();
        assertThat(queues.describes.get()).isEqualTo(describes);
    }

    @Test
    void aChangedMemberAnotherFunctionOrAnUnknownMappingIsNotUpToDate() {
        String uuid = manager.create(request(FN, Q1).batchSize(5).build()).uuid();

        assertThat(manager.isUpToDate(uuid, update().batchSize(6).build())).isFalse();
        assertThat(manager.isUpToDate(uuid, update().enabled(false).build())).isFalse();
        assertThat(manager.isUpToDate(uuid, update().functionName("other-fn").build()))
                .isFalse();
        assertThat(manager.isUpToDate(uuid, update().functionName("no-such-fn").build()))
                .isFalse();
        assertThat(manager.isUpToDate("00000000-0000-0000-0000-000000000000", update().build()))
                .isFalse();
    }

    private static List<String> uuids(List<EventSourceMapping> mappings) {
        return mappings.stream().map(EventSourceMapping::uuid).toList();
    }

    /** Counts the describe calls the control plane makes. */
    static final class CountingQueues implements QueueConnector {
        final AtomicInteger describes = new AtomicInteger();
        private final QueueConnector queues;

        CountingQueues(QueueConnector queues) {
            this.queues = queues;
        }

        @Override
        public boolean serves(String eventSourceArn) {
            return queues.serves(eventSourceArn);
        }

        @Override
        public Optional<QueueDescription> describe(String queueArn) {
            describes.incrementAndGet();
            return queues.describe(queueArn);
        }

        @Override
        public QueueSource open(QueueDescription queue) {
            return queues.open(queue);
        }
    }
}
