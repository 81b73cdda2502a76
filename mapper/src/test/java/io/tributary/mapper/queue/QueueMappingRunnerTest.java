package io.tributary.mapper.queue;

import static io.tributary.mapper.testing.FakeFunction.error;
import static io.tributary.mapper.testing.FakeFunction.ok;
import static io.tributary.mapper.testing.FakeFunction.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.testing.FakeFunction;
import io.tributary.mapper.testing.InMemoryQueueSource;
import io.tributary.mapper.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueMappingRunnerTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> results = new ArrayList<>();

    private QueueMappingRunner runner(
            InMemoryQueueSource queue,
            LambdaFunction function,
            int batchSize,
            int windowSeconds,
            int concurrency,
            boolean reportFailures,
            RecordFilter filter) {
        QueueMappingSettings settings = new QueueMappingSettings(
                "uuid-1",
                "q → fn",
                batchSize,
                Duration.ofSeconds(windowSeconds),
                concurrency,
                reportFailures,
                queue.description().fifo(),
                VISIBILITY);
        return new QueueMappingRunner(
                settings, queue, function, filter, scheduler.clock(), scheduler, new MappingMetrics(), results::add);
    }

    private QueueMappingRunner runner(InMemoryQueueSource queue, LambdaFunction function, boolean reportFailures) {
        return runner(queue, function, 10, 0, 1, reportFailures, RecordFilter.ACCEPT_ALL);
    }

    private InMemoryQueueSource standardQueue() {
        return new InMemoryQueueSource(false, VISIBILITY, scheduler);
    }

    @Test
    void successful_batch_is_deleted_with_one_batch_delete() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 3; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(function.batches()).containsExactly(List.of("m0", "m1", "m2"));
        assertThat(queue.size()).isZero();
        assertThat(queue.deleteCalls()).containsExactly(List.of("m0", "m1", "m2"));
        assertThat(results).containsExactly("OK");
    }

    @Test
    void function_error_deletes_nothing_and_messages_return_after_the_visibility_timeout() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() == 1 ? error() : ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.contains("m0")).isTrue();
        assertThat(queue.deleteCalls()).isEmpty();
        assertThat(results).containsExactly("PROBLEM: Function call failed");

        scheduler.advance(VISIBILITY);
        queue.wakeUp();
        scheduler.runUntilIdle();

        assertThat(function.batches()).containsExactly(List.of("m0"), List.of("m0"));
        assertThat(queue.size()).isZero();
    }

    @Test
    void timeout_counts_as_a_failure() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.answering(
                ids -> new InvocationResult.TimedOut(Duration.ofSeconds(3), io.tributary.api.Payload.utf8("{}")));

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.contains("m0")).isTrue();
        assertThat(queue.deleteCalls()).isEmpty();
    }

    @Test
    void partial_batch_response_keeps_only_the_reported_messages() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 4; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(
                ids -> response("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"m3\"}]}"));

        runner(queue, function, true).start();
        scheduler.runUntilIdle();

        assertThat(queue.contains("m1")).isTrue();
        assertThat(queue.contains("m3")).isTrue();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.deleteCalls()).containsExactly(List.of("m0", "m2"));
    }

    @Test
    void partial_batch_response_is_ignored_without_report_batch_item_failures() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        queue.send("b");
        FakeFunction function =
                FakeFunction.answering(ids -> response("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}"));

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.size()).isZero();
    }

    @Test
    void invalid_partial_batch_response_fails_the_whole_batch() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        queue.send("b");
        FakeFunction function =
                FakeFunction.answering(ids -> response("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"));

        runner(queue, function, true).start();
        scheduler.runUntilIdle();

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.deleteCalls()).isEmpty();
    }

    @Test
    void unparsable_response_under_report_batch_item_failures_fails_the_whole_batch() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.answering(ids -> response("not json {"));

        runner(queue, function, true).start();
        scheduler.runUntilIdle();

        assertThat(queue.contains("m0")).isTrue();
    }

    @Test
    void fifo_keeps_later_messages_of_a_failed_group() {
        InMemoryQueueSource queue = new InMemoryQueueSource(true, VISIBILITY, scheduler);
        queue.send("a1", "A"); // m0
        queue.send("b1", "B"); // m1
        queue.send("a2", "A"); // m2
        queue.send("b2", "B"); // m3
        FakeFunction function =
                FakeFunction.answering(ids -> response("{\"batchItemFailures\":[{\"itemIdentifier\":\"m0\"}]}"));

        runner(queue, function, true).start();
        scheduler.runUntilIdle();

        assertThat(queue.contains("m0")).isTrue();
        assertThat(queue.contains("m2"))
                .as("a2 must not be deleted ahead of a1")
                .isTrue();
        assertThat(queue.contains("m1")).isFalse();
        assertThat(queue.contains("m3")).isFalse();
    }

    @Test
    void throttled_invocation_is_retried_with_backoff_until_it_runs() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() <= 3
                ? new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded")
                : ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();
        assertThat(calls).hasValue(1);

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(calls).hasValue(4);
        assertThat(queue.size()).isZero();
        assertThat(queue.receiveCount("m0")).as("deleted").isEqualTo(-1);
    }

    @Test
    void throttled_invocation_gives_up_before_the_visibility_timeout_and_deletes_nothing() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.answering(
                ids -> new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded"));

        runner(queue, function, false).start();
        scheduler.advance(VISIBILITY.minusSeconds(1));
        int attempts = function.calls().size();
        scheduler.advance(Duration.ofSeconds(1).plusMillis(1));

        assertThat(attempts).isGreaterThan(5);
        assertThat(function.calls().size())
                .as("no retry once the message is visible again")
                .isLessThanOrEqualTo(attempts + 1);
        assertThat(queue.contains("m0")).isTrue();
        assertThat(queue.deleteCalls()).isEmpty();
    }

    @Test
    void batching_window_gathers_several_receives_until_the_batch_is_full() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 25; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 25, 5, 1, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();

        assertThat(function.batches()).hasSize(1);
        assertThat(function.batches().get(0)).hasSize(25);
    }

    @Test
    void batching_window_is_not_split_across_pollers() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 30; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 50, 3, 5, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(function.batches()).hasSize(1);
        assertThat(function.batches().get(0)).hasSize(30);
    }

    @Test
    void batching_window_invokes_a_partial_batch_when_the_window_ends() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 100, 3, 1, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();
        assertThat(function.calls()).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));
        queue.send("b");
        scheduler.advance(Duration.ofMillis(1));
        assertThat(function.calls()).isEmpty();

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(function.batches()).containsExactly(List.of("m0", "m1"));
    }

    @Test
    void window_zero_invokes_after_one_receive() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 15; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 10, 0, 1, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();

        assertThat(function.batches()).extracting(List::size).containsExactly(10, 5);
    }

    @Test
    void filtered_out_messages_are_deleted_without_invoking_and_counted() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("keep");
        queue.send("drop");
        queue.send("drop");
        FakeFunction function = FakeFunction.answering(ids -> ok());
        RecordFilter onlyKeep = record -> record.json().utf8().contains("keep");

        QueueMappingRunner runner = runner(queue, function, 10, 0, 1, false, onlyKeep);
        runner.start();
        scheduler.runUntilIdle();

        assertThat(function.batches()).containsExactly(List.of("m0"));
        assertThat(queue.size()).isZero();
        assertThat(runner.metrics().filteredOutCount()).isEqualTo(2);
    }

    @Test
    void batch_left_empty_by_the_filter_does_not_invoke() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("drop");
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 10, 0, 1, false, record -> false).start();
        scheduler.runUntilIdle();

        assertThat(function.calls()).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void maximum_concurrency_bounds_batches_in_flight() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 100; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.holding();

        runner(queue, function, 10, 0, 3, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();

        assertThat(function.pending()).hasSize(3);
        while (!function.pending().isEmpty()) {
            function.pending().forEach(call -> call.result().complete(ok()));
            scheduler.runUntilIdle();
        }
        assertThat(function.maxInFlight()).isEqualTo(3);
        assertThat(queue.size()).isZero();
    }

    @Test
    void idle_queue_is_long_polled_by_a_single_poller() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 50; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());
        runner(queue, function, 10, 0, 5, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();
        assertThat(queue.size()).isZero();

        int before = queue.receiveCalls();
        scheduler.advance(Duration.ofSeconds(60));

        assertThat(queue.receiveCalls() - before)
                .as("one 20 s long poll at a time")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void stop_lets_the_batch_in_flight_finish_and_be_deleted_then_polls_no_more() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.holding();
        QueueMappingRunner runner = runner(queue, function, false);
        runner.start();
        scheduler.runUntilIdle();

        CompletableFuture<Void> stopped = runner.stop();
        assertThat(stopped).isNotDone();
        function.pending().get(0).result().complete(ok());
        scheduler.runUntilIdle();

        assertThat(stopped).isDone();
        assertThat(queue.size()).isZero();
        int receives = queue.receiveCalls();
        queue.send("b");
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(queue.receiveCalls()).isEqualTo(receives);
        assertThat(queue.contains("m1")).isTrue();
    }

    @Test
    void six_megabyte_limit_splits_a_batch() {
        InMemoryQueueSource queue = standardQueue();
        String big = "x".repeat(700 * 1024);
        for (int i = 0; i < 10; i++) {
            queue.send(big);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, 10, 1, 1, false, RecordFilter.ACCEPT_ALL).start();
        scheduler.runUntilIdle();
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(function.batches()).extracting(List::size).containsExactly(8, 2);
        assertThat(queue.size()).isZero();
    }

    @Test
    void standard_queue_poller_invokes_the_next_batch_while_the_deletes_are_in_flight_but_not_the_one_after() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 30; i++) {
            queue.send("b" + i);
        }
        queue.holdDeletes();
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.deletesInFlight())
                .as("the deletes of two batches in flight")
                .isEqualTo(2);
        assertThat(function.batches())
                .as("the second batch invoked during the first batch's delete")
                .hasSize(2);
        assertThat(queue.receiveCalls()).as("the third batch received").isEqualTo(3);

        queue.releaseDeletes();
        scheduler.runUntilIdle();

        assertThat(function.batches())
                .as("the third batch invoked once the first batch's delete is done")
                .hasSize(3);
        assertThat(queue.size()).isZero();
    }

    @Test
    void standard_queue_poller_sends_its_next_receive_before_the_deletes_of_the_batch_just_decided() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 10; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.calls()).startsWith("receive", "receive", "delete m0,m1,m2,m3,m4,m5,m6,m7,m8,m9");
    }

    @Test
    void decision_is_taken_on_the_thread_that_completes_the_invocation() {
        InMemoryQueueSource queue = standardQueue();
        for (int i = 0; i < 10; i++) {
            queue.send("b" + i);
        }
        FakeFunction function = FakeFunction.holding();
        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        function.pending().get(0).result().complete(ok());

        assertThat(queue.deleteCalls()).as("deleted without a scheduler step").hasSize(1);
        assertThat(queue.receiveCalls())
                .as("next receive sent without a scheduler step")
                .isEqualTo(2);
    }

    @Test
    void fifo_poller_waits_for_the_deletes_before_receiving_again() {
        InMemoryQueueSource queue = new InMemoryQueueSource(true, VISIBILITY, scheduler);
        for (int i = 0; i < 20; i++) {
            queue.send("b" + i, "g" + i);
        }
        queue.holdDeletes();
        FakeFunction function = FakeFunction.answering(ids -> ok());

        runner(queue, function, false).start();
        scheduler.runUntilIdle();

        assertThat(queue.receiveCalls()).isEqualTo(1);

        queue.releaseDeletes();
        scheduler.runUntilIdle();

        assertThat(function.batches()).hasSize(2);
        assertThat(queue.size()).isZero();
    }

    @Test
    void stop_completes_only_once_the_deletes_of_the_last_batch_are_done() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        queue.holdDeletes();
        QueueMappingRunner runner = runner(queue, FakeFunction.answering(ids -> ok()), false);
        runner.start();
        scheduler.runUntilIdle();

        CompletableFuture<Void> stopped = runner.stop();
        scheduler.runUntilIdle();
        assertThat(stopped).isNotDone();

        queue.releaseDeletes();
        scheduler.runUntilIdle();

        assertThat(stopped).isDone();
        assertThat(queue.size()).isZero();
    }

    @Test
    void stop_does_not_wait_for_an_open_long_poll_and_releases_what_it_returns_without_invoking() {
        // given: a mapping long-polling an empty queue
        InMemoryQueueSource queue = standardQueue();
        FakeFunction function = FakeFunction.answering(ids -> ok());
        QueueMappingRunner runner = runner(queue, function, false);
        runner.start();
        scheduler.runUntilIdle();

        // when: it stops
        CompletableFuture<Void> stopped = runner.stop();
        scheduler.runUntilIdle();

        // then: the stop is done at once, but the long poll is left open (not cancelled) and the runner not finished
        assertThat(stopped).isDone();
        assertThat(queue.waitingPolls()).isEqualTo(1);
        assertThat(runner.finished()).isNotDone();

        // when: the server hands that poll a message
        String id = queue.send("late");
        scheduler.runUntilIdle();

        // then: it is released (visible again at once), not invoked, not deleted, and the runner is finished
        assertThat(function.batches()).isEmpty();
        assertThat(queue.releaseCalls()).containsExactly(List.of(id));
        assertThat(queue.visible(id)).isTrue();
        assertThat(queue.deleteCalls()).isEmpty();
        assertThat(runner.finished()).isDone();
    }

    @Test
    void a_batch_being_gathered_is_released_at_the_stop() {
        // given: one message gathered in a 10 s batching window, the poller long-polling for more
        InMemoryQueueSource queue = standardQueue();
        String id = queue.send("a");
        FakeFunction function = FakeFunction.answering(ids -> ok());
        QueueMappingRunner runner = runner(queue, function, 10, 10, 1, false, RecordFilter.ACCEPT_ALL);
        runner.start();
        scheduler.runUntilIdle();
        assertThat(queue.visible(id)).isFalse();

        // when: it stops
        CompletableFuture<Void> stopped = runner.stop();
        scheduler.runUntilIdle();

        // then: the gathered message is released at once, not invoked. (The poller's own poll, still open, may get
        // it again, as a real server's would, and then hands it back the same way.)
        assertThat(stopped).isDone();
        assertThat(queue.releaseCalls()).isNotEmpty().allSatisfy(ids -> assertThat(ids)
                .containsExactly(id));
        assertThat(queue.visible(id)).isTrue();
        assertThat(function.batches()).isEmpty();
        assertThat(runner.finished()).isDone();
    }

    @Test
    void a_batch_waiting_for_the_end_of_its_window_is_released_at_the_stop() {
        // given: a 2 s window; a second message arrives 1.5 s into it, so the poller waits out the last half second
        // on a timer, not in a long poll
        InMemoryQueueSource queue = standardQueue();
        FakeFunction function = FakeFunction.answering(ids -> ok());
        QueueMappingRunner runner = runner(queue, function, 10, 2, 1, false, RecordFilter.ACCEPT_ALL);
        String first = queue.send("a");
        runner.start();
        scheduler.runUntilIdle();
        scheduler.advance(Duration.ofMillis(1500));
        String second = queue.send("b");
        scheduler.runUntilIdle();
        assertThat(queue.waitingPolls()).isZero();
        assertThat(function.batches()).isEmpty();

        // when
        runner.stop();
        scheduler.runUntilIdle();

        // then: both are released at once, and the runner is finished although its timer has not fired yet
        assertThat(queue.releaseCalls()).containsExactly(List.of(first, second));
        assertThat(runner.finished()).isDone();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(function.batches()).isEmpty();
        assertThat(queue.releaseCalls()).hasSize(1);
    }

    @Test
    void an_update_can_start_the_next_runner_at_once_and_it_gets_the_released_messages() {
        // given: a mapping long-polling an empty queue, stopped for an update, and its successor started
        InMemoryQueueSource queue = standardQueue();
        FakeFunction old = FakeFunction.answering(ids -> ok());
        QueueMappingRunner first = runner(queue, old, false);
        first.start();
        scheduler.runUntilIdle();
        assertThat(first.stop()).isDone();
        FakeFunction next = FakeFunction.answering(ids -> ok());
        runner(queue, next, false).start();
        scheduler.runUntilIdle();

        // when: a message arrives; the old runner's poll, first in line, takes it
        queue.send("m");
        scheduler.runUntilIdle();

        // then: the old runner released it and the new one processed it at once, not after the visibility timeout
        assertThat(old.batches()).isEmpty();
        assertThat(next.batches()).hasSize(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void cancel_polls_ends_the_open_long_polls_at_once() {
        // given: a stopped mapping whose long poll is still open
        InMemoryQueueSource queue = standardQueue();
        QueueMappingRunner runner = runner(queue, FakeFunction.answering(ids -> ok()), false);
        runner.start();
        scheduler.runUntilIdle();
        runner.stop();
        scheduler.runUntilIdle();
        assertThat(runner.finished()).isNotDone();

        // when: the process shuts down
        runner.cancelPolls();
        scheduler.runUntilIdle();

        // then
        assertThat(runner.finished()).isDone();
        assertThat(queue.releaseCalls()).isEmpty();
    }

    @Test
    void finished_waits_for_the_batch_in_flight_and_its_deletes() {
        InMemoryQueueSource queue = standardQueue();
        queue.send("a");
        FakeFunction function = FakeFunction.holding();
        QueueMappingRunner runner = runner(queue, function, false);
        runner.start();
        scheduler.runUntilIdle();

        runner.stop();
        scheduler.runUntilIdle();
        assertThat(runner.finished()).isNotDone();

        function.pending().get(0).result().complete(ok());
        scheduler.runUntilIdle();

        assertThat(runner.finished()).isDone();
        assertThat(queue.size()).isZero();
        assertThat(queue.releaseCalls()).isEmpty();
    }
}
