package io.tributary.mapper.stream;

import static io.tributary.mapper.stream.StreamHarness.SHARD0;
import static io.tributary.mapper.testing.FakeFunction.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.StreamPosition;
import io.tributary.mapper.testing.FakeFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamMappingRunnerTest {
    private final StreamHarness h = new StreamHarness(1);

    @Test
    void delivers_a_shard_in_order_in_batches_and_checkpoints_after_each_batch() {
        List<String> seq = h.put(5, "pk");
        FakeFunction function = FakeFunction.answering(ids -> ok());

        h.runner(function, TestSettings.defaults().batchSize(2)).start();
        h.scheduler.runUntilIdle();

        assertThat(function.batches())
                .containsExactly(List.of(seq.get(0), seq.get(1)), List.of(seq.get(2), seq.get(3)), List.of(seq.get(4)));
        assertThat(h.checkpoints.history())
                .containsExactly(SHARD0 + "@" + seq.get(1), SHARD0 + "@" + seq.get(3), SHARD0 + "@" + seq.get(4));
        assertThat(h.results).containsExactly("No records processed", "OK", "OK", "OK");
    }

    @Test
    void one_batch_in_flight_per_shard_without_parallelization() {
        h.put(10, "pk");
        FakeFunction function = FakeFunction.holding();
        h.runner(function, TestSettings.defaults().batchSize(2)).start();

        h.scheduler.runUntilIdle();

        assertThat(function.calls()).hasSize(1);
        function.pending().get(0).result().complete(ok());
        h.scheduler.runUntilIdle();
        assertThat(function.calls()).hasSize(2);
        assertThat(function.maxInFlight()).isEqualTo(1);
    }

    @Test
    void parallelization_runs_batches_concurrently_in_order_per_partition_key() {
        List<String> all = new ArrayList<>();
        Map<String, List<String>> byKey = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String key = "key-" + (i % 5);
            String s = h.source.put(SHARD0, key, "ZA==");
            all.add(s);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        FakeFunction function = FakeFunction.holding();
        h.runner(function, TestSettings.defaults().batchSize(2).parallelization(3))
                .start();

        h.scheduler.runUntilIdle();
        int concurrent = function.pending().size();
        while (!function.pending().isEmpty()) {
            function.pending().forEach(c -> c.result().complete(ok()));
            h.scheduler.runUntilIdle();
        }

        assertThat(concurrent).isBetween(2, 3);
        assertThat(function.maxInFlight()).isLessThanOrEqualTo(3);
        Map<String, List<String>> delivered = new HashMap<>();
        for (List<String> batch : function.batches()) {
            for (String s : batch) {
                int i = all.indexOf(s);
                delivered
                        .computeIfAbsent("key-" + (i % 5), k -> new ArrayList<>())
                        .add(s);
            }
        }
        assertThat(delivered).isEqualTo(byKey);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(all.get(29));
    }

    @Test
    void checkpoint_moves_only_over_a_contiguous_prefix_of_finished_records_under_parallelization() {
        String first = h.source.put(SHARD0, "slow", "ZA==");
        List<String> fast = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fast.add(h.source.put(SHARD0, "other-" + i, "ZA=="));
        }
        FakeFunction function = FakeFunction.holding();
        h.runner(function, TestSettings.defaults().batchSize(100).parallelization(10))
                .start();
        h.scheduler.runUntilIdle();

        // Every batch but the one holding the first record finishes.
        function.pending().stream().filter(c -> !c.ids().contains(first)).forEach(c -> c.result()
                .complete(ok()));
        h.scheduler.runUntilIdle();
        assertThat(h.checkpoint(SHARD0)).isNull();

        function.pending().forEach(c -> c.result().complete(ok()));
        h.scheduler.runUntilIdle();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(fast.get(3));
    }

    @Test
    void restart_resumes_right_after_the_checkpoint_whatever_the_starting_position() {
        h.put(3, "pk");
        FakeFunction first = FakeFunction.answering(ids -> ok());
        StreamMappingRunner runner = h.runner(first, TestSettings.defaults());
        runner.start();
        h.scheduler.runUntilIdle();
        assertThat(runner.stop()).isCompleted();
        List<String> later = h.put(2, "pk");

        for (StreamPosition position : List.of(
                StreamPosition.latest(),
                StreamPosition.trimHorizon(),
                StreamPosition.atTimestamp(h.scheduler.clock().instant().plusSeconds(3600)))) {
            FakeFunction second = FakeFunction.answering(ids -> ok());
            StreamMappingRunner again = h.runner(second, TestSettings.defaults().start(position));
            again.start();
            h.scheduler.runUntilIdle();
            again.stop();
            assertThat(second.batches()).as(position.type().name()).containsExactly(later);
            h.checkpoints.save("esm-uuid", SHARD0, first.batches().get(0).get(2));
        }
    }

    @Test
    void latest_on_first_start_skips_records_written_before() {
        h.put(3, "pk");
        FakeFunction function = FakeFunction.answering(ids -> ok());
        h.runner(function, TestSettings.defaults().start(StreamPosition.latest()))
                .start();
        h.scheduler.runUntilIdle();

        List<String> fresh = h.put(2, "pk");
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(function.batches()).containsExactly(fresh);
    }

    @Test
    void at_timestamp_on_first_start_reads_from_that_time() {
        h.put(2, "pk");
        h.scheduler.advance(Duration.ofSeconds(30));
        List<String> after = h.put(2, "pk");
        FakeFunction function = FakeFunction.answering(ids -> ok());

        h.runner(
                        function,
                        TestSettings.defaults()
                                .start(StreamPosition.atTimestamp(
                                        h.scheduler.clock().instant())))
                .start();
        h.scheduler.runUntilIdle();

        assertThat(function.batches()).containsExactly(after);
    }

    @Test
    void filtered_out_records_are_checkpointed_past_without_invoking() {
        List<String> skipped = h.put(3, "skip");
        FakeFunction function = FakeFunction.answering(ids -> ok());
        StreamMappingRunner runner =
                h.runner(function, TestSettings.defaults(), r -> !"skip".equals(r.orderingKey()), h.destination);

        runner.start();
        h.scheduler.runUntilIdle();

        assertThat(function.calls()).isEmpty();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(skipped.get(2));
        assertThat(runner.metrics().filteredOutCount()).isEqualTo(3);
    }

    @Test
    void a_batch_stops_before_the_6_mb_payload_limit() {
        String big = "x".repeat(1_100_000);
        for (int i = 0; i < 10; i++) {
            h.source.put(SHARD0, "pk", big);
        }
        FakeFunction function = FakeFunction.answering(ids -> ok());

        h.runner(function, TestSettings.defaults().batchSize(100)).start();
        h.scheduler.runUntilIdle();

        assertThat(function.batches()).extracting(List::size).containsExactly(5, 5);
    }

    @Test
    void batching_window_waits_for_more_records_until_it_is_over() {
        FakeFunction function = FakeFunction.answering(ids -> ok());
        h.runner(function, TestSettings.defaults().batchSize(50).batchingWindow(Duration.ofSeconds(5)))
                .start();
        h.scheduler.runUntilIdle();
        h.scheduler.advance(Duration.ofSeconds(10));

        List<String> records = h.put(2, "pk");
        h.scheduler.advance(Duration.ofSeconds(2));
        records.addAll(h.put(1, "pk"));
        h.scheduler.advance(Duration.ofSeconds(2));
        assertThat(function.calls()).isEmpty();

        h.scheduler.advance(Duration.ofSeconds(2));
        assertThat(function.batches()).containsExactly(records);
    }

    @Test
    void iterator_age_is_the_age_of_the_last_record_when_it_was_sent() {
        h.put(1, "pk");
        h.scheduler.advance(Duration.ofSeconds(5));
        FakeFunction function = FakeFunction.holding();
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults());

        runner.start();
        h.scheduler.runUntilIdle();

        assertThat(runner.streamMetrics().iteratorAgeMillis()).isEqualTo(5000);
        assertThat(runner.streamMetrics().snapshot()).containsEntry("IteratorAge", 5000L);
    }

    @Test
    void read_errors_back_off_and_resume_without_losing_or_repeating_records() {
        List<String> seq = h.put(3, "pk");
        h.source.failNextReads(2);
        FakeFunction function = FakeFunction.answering(ids -> ok());

        h.runner(function, TestSettings.defaults()).start();
        h.scheduler.advance(Duration.ofSeconds(5));

        assertThat(function.batches()).containsExactly(seq);
    }

    @Test
    void stop_lets_the_batch_in_flight_finish_and_checkpoint() {
        List<String> seq = h.put(2, "pk");
        FakeFunction function = FakeFunction.holding();
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults());
        runner.start();
        h.scheduler.runUntilIdle();

        var stopped = runner.stop();
        assertThat(stopped).isNotDone();
        function.pending().get(0).result().complete(ok());
        h.scheduler.runUntilIdle();

        assertThat(stopped).isCompleted();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(1));
    }
}
