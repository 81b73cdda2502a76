package io.tributary.mapper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.OnFailureDestinations;
import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.InMemoryMappingStore;
import io.tributary.mapper.testing.InMemoryQueueSource;
import io.tributary.mapper.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** How {@link EngineRuntime} starts SQS mappings: their queues are described on its describer threads, not the caller's. */
class EngineRuntimeTest {
    private static final String FN = "fn";
    private static final String QUEUE_PREFIX = "arn:aws:sqs:us-east-1:000000000000:q-";

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingQueues queues = new RecordingQueues();
    /** The describer: tasks wait here until the test runs them. */
    private final Queue<Runnable> describing = new ArrayDeque<>();

    private final FakeFunctionRegistry functions = new FakeFunctionRegistry().add(FN);
    private final EngineRuntime runtime = new EngineRuntime(
            functions,
            List.of(queues),
            List.of(),
            null,
            OnFailureDestinations.NONE,
            scheduler.clock(),
            scheduler,
            describing::add);
    private final MappingManager manager = new MappingManager(
            new InMemoryMappingStore(),
            functions,
            List.of(queues),
            runtime,
            scheduler.clock(),
            "us-east-1",
            "000000000000");

    @Test
    void creatingMappingsReturnsBeforeTheirQueuesAreDescribedAndEachStartsOnceItsQueueAnswers() {
        // when: three mappings are created
        List<EventSourceMapping> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(manager.create(MappingRequest.of(FN, QUEUE_PREFIX + i)));
        }

        // then: (Create itself checks that each queue exists) the runtime's three describes wait for the describer
        // (which runs DESCRIBERS of them at once) instead of the caller, and no queue is polled before it was described
        assertThat(describing).hasSize(3);
        assertThat(queues.opened).isEmpty();
        assertThat(manager.get(created.get(0).uuid()).state()).isEqualTo(MappingState.Enabled);

        // when: the describer answers
        runDescribes();

        // then
        assertThat(queues.opened).containsExactly(QUEUE_PREFIX + 0, QUEUE_PREFIX + 1, QUEUE_PREFIX + 2);
    }

    @Test
    void aMappingDeletedWhileItsQueueIsDescribedNeverStartsPolling() {
        // given: two mappings whose queues have not answered yet
        EventSourceMapping deleted = manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "deleted"));
        manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "kept"));

        // when: one is deleted before its queue answers
        manager.delete(deleted.uuid());
        queues.described.clear();
        runDescribes();

        // then: both queues were described, but only the other mapping polls its queue
        assertThat(queues.described).containsExactly(QUEUE_PREFIX + "deleted", QUEUE_PREFIX + "kept");
        assertThat(queues.opened).containsExactly(QUEUE_PREFIX + "kept");
    }

    @Test
    void aMappingUpdatedWhileItsQueueIsDescribedStartsOnceWithTheNewSettings() {
        // given
        EventSourceMapping created = manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "updated"));

        // when: it is updated before the first describe answered
        manager.update(
                created.uuid(),
                new MappingRequest(
                        null, null, null, 5, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null));
        assertThat(describing).hasSize(2);
        runDescribes();

        // then: the first answer is dropped, the second starts the runner: the queue is opened once
        assertThat(queues.opened).containsExactly(QUEUE_PREFIX + "updated");
    }

    @Test
    void aMissingQueueIsReportedAndLookedUpAgainLater() {
        // given: a mapping created while its queue existed
        EventSourceMapping created = manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "late"));

        // when: the queue is gone by the time the runtime describes it
        queues.missing = true;
        runDescribes();

        // then
        assertThat(runtime.lastProcessingResult(created.uuid()))
                .contains("PROBLEM: the queue " + QUEUE_PREFIX + "late does not exist");
        assertThat(queues.opened).isEmpty();

        // when: the queue exists again by the next look-up
        queues.missing = false;
        scheduler.advance(EngineRuntime.RETRY);
        runDescribes();

        // then
        assertThat(queues.opened).containsExactly(QUEUE_PREFIX + "late");
    }

    @Test
    void anUpdatedMappingsOldSourceIsClosedOnlyOnceItsOpenLongPollHasEnded() {
        // given: a mapping long-polling its queue
        EventSourceMapping created = manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "busy"));
        runDescribes();
        scheduler.runUntilIdle();
        InMemoryQueueSource old = queues.sources.get(0);
        assertThat(old.waitingPolls()).isEqualTo(1);

        // when: it is updated
        manager.update(
                created.uuid(),
                new MappingRequest(
                        null, null, null, 5, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null));
        runDescribes();
        scheduler.runUntilIdle();

        // then: the new runner polls at once, while the old poll runs out in the background on the open old source
        assertThat(queues.opened).hasSize(2);
        assertThat(queues.sources.get(1).waitingPolls()).isEqualTo(1);
        assertThat(old.closed()).isFalse();

        // when: the old long poll runs out
        scheduler.advance(Duration.ofSeconds(20));

        // then
        assertThat(old.closed()).isTrue();
    }

    @Test
    void shutdownCancelsOpenLongPollsAfterAShortGraceAndClosesTheSources() {
        // given: a mapping long-polling its queue
        manager.create(MappingRequest.of(FN, QUEUE_PREFIX + "idle"));
        runDescribes();
        scheduler.runUntilIdle();

        // when: the process shuts down
        var done = runtime.shutdown();
        scheduler.runUntilIdle();

        // then: it waits only for the grace, not for the 20 s poll
        assertThat(done).isNotDone();
        scheduler.advance(EngineRuntime.SHUTDOWN_POLL_GRACE);
        assertThat(done).isDone();
        assertThat(queues.sources.get(0).closed()).isTrue();
    }

    private void runDescribes() {
        Runnable task;
        while ((task = describing.poll()) != null) {
            task.run();
        }
    }

    /** Queues that exist (unless {@link #missing}); records what was described and opened. */
    private final class RecordingQueues implements QueueConnector {
        final List<String> described = new ArrayList<>();
        final List<String> opened = new ArrayList<>();
        final List<InMemoryQueueSource> sources = new ArrayList<>();
        boolean missing;

        @Override
        public boolean serves(String eventSourceArn) {
            return eventSourceArn.startsWith("arn:aws:sqs:");
        }

        @Override
        public Optional<QueueDescription> describe(String queueArn) {
            described.add(queueArn);
            if (missing) {
                return Optional.empty();
            }
            return Optional.of(
                    new QueueDescription(queueArn, "http://127.0.0.1:9324/q", false, Duration.ofSeconds(30)));
        }

        @Override
        public QueueSource open(QueueDescription queue) {
            opened.add(queue.arn());
            InMemoryQueueSource source = new InMemoryQueueSource(false, queue.visibilityTimeout(), scheduler);
            sources.add(source);
            return source;
        }
    }
}
