package io.tributary.mapper.stream;

import static io.tributary.mapper.stream.StreamHarness.SHARD0;
import static io.tributary.mapper.stream.StreamHarness.json;
import static io.tributary.mapper.testing.FakeFunction.error;
import static io.tributary.mapper.testing.FakeFunction.ok;
import static io.tributary.mapper.testing.FakeFunction.response;
import static io.tributary.mapper.testing.FakeFunction.throttled;
import static io.tributary.mapper.testing.FakeFunction.timedOut;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.testing.FakeFunction;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamErrorHandlingTest {
    private final StreamHarness h = new StreamHarness(1);

    @Test
    void a_failing_batch_is_retried_with_backoff_until_it_succeeds_and_blocks_the_shard_meanwhile() {
        List<String> first = h.put(2, "pk");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() <= 2 ? error() : ok());
        h.runner(function, TestSettings.defaults().batchSize(2)).start();
        h.scheduler.runUntilIdle();
        List<String> second = h.put(2, "pk");

        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(function.batches()).containsExactly(first, first);
        h.scheduler.advance(Duration.ofSeconds(2));

        assertThat(function.batches()).containsExactly(first, first, first, second);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(second.get(1));
        assertThat(h.results).containsSubsequence("PROBLEM: Function call failed", "OK");
    }

    @Test
    void maximum_retry_attempts_1_invokes_twice_then_sends_the_on_failure_record_and_moves_on() {
        List<String> bad = h.put(3, "pk");
        FakeFunction function = FakeFunction.answering(ids -> ids.contains(bad.get(0)) ? error() : ok());
        h.runner(function, TestSettings.defaults().maxRetries(1)).start();
        h.scheduler.advance(Duration.ofSeconds(1));
        List<String> next = h.put(1, "pk");
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(function.batches()).containsExactly(bad, bad, next);
        assertThat(h.destination.accepted()).hasSize(1);
        JsonNode record = json(h.destination.accepted().get(0).json());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.at("/requestContext/requestId").asText()).hasSize(36);
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(bad.get(0));
        assertThat(record.at("/KinesisBatchInfo/endSequenceNumber").asText()).isEqualTo(bad.get(2));
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(3);
        assertThat(h.destination.accepted().get(0).shardId()).isEqualTo(SHARD0);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(next.get(0));
    }

    @Test
    void timeouts_count_like_function_errors() {
        h.put(1, "pk");
        FakeFunction function = FakeFunction.answering(ids -> timedOut());
        h.runner(function, TestSettings.defaults().maxRetries(0)).start();
        h.scheduler.runUntilIdle();

        assertThat(function.calls()).hasSize(1);
        assertThat(json(h.destination.accepted().get(0).json())
                        .at("/responseContext/functionError")
                        .asText())
                .isEqualTo("Unhandled");
    }

    @Test
    void record_age_exceeded_sends_a_record_without_response_context() {
        List<String> seq = h.put(2, "pk");
        FakeFunction function = FakeFunction.answering(ids -> error());
        h.runner(function, TestSettings.defaults().maxAge(Duration.ofSeconds(60)))
                .start();

        h.scheduler.advance(Duration.ofSeconds(120));

        // Invoked at 0, 1, 3, 7, 15, 31 and 63 s (backoff 1 s doubling); at 63 s the records are older than 60 s.
        assertThat(function.calls()).hasSize(7);
        JsonNode record = json(h.destination.accepted().get(0).json());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(7);
        assertThat(record.has("responseContext")).isFalse();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(1));
    }

    @Test
    void bisect_isolates_one_poison_record_among_100_and_delivers_all_others() {
        List<String> seq = h.put(100, "pk");
        String poison = seq.get(37);
        FakeFunction function = FakeFunction.answering(ids -> ids.contains(poison) ? error() : ok());
        h.runner(function, TestSettings.defaults().batchSize(100).bisect().maxRetries(0))
                .start();

        h.scheduler.runUntilIdle();

        // Failing: 100, 50, 25, 13, 6, 3, 1 records; succeeding halves: 0-24, 50-99, 25-31, 32-34, 35-36, 38-49.
        assertThat(function.calls()).hasSize(13);
        Set<String> delivered = new HashSet<>();
        for (FakeFunction.Call call : function.calls()) {
            if (!call.ids().contains(poison)) {
                assertThat(call.ids()).allMatch(delivered::add);
            }
        }
        assertThat(delivered).hasSize(99).doesNotContain(poison);
        JsonNode record = json(h.destination.accepted().get(0).json());
        assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(poison);
        assertThat(record.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(7);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(99));
    }

    @Test
    void partial_batch_response_checkpoints_before_the_lowest_failed_sequence_number_and_retries_from_it() {
        List<String> seq = h.put(5, "pk");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() == 1
                ? response("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq.get(3) + "\"},{\"itemIdentifier\":\""
                        + seq.get(2) + "\"}]}")
                : ok());
        h.runner(function, TestSettings.defaults().reportFailures()).start();

        h.scheduler.runUntilIdle();
        assertThat(h.checkpoints.history()).containsExactly(SHARD0 + "@" + seq.get(1));
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(function.batches()).containsExactly(seq, seq.subList(2, 5));
        assertThat(h.checkpoints.history()).containsExactly(SHARD0 + "@" + seq.get(1), SHARD0 + "@" + seq.get(4));
    }

    @Test
    void an_invalid_partial_batch_response_fails_the_whole_batch() {
        List<String> seq = h.put(3, "pk");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids ->
                calls.incrementAndGet() == 1 ? response("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}") : ok());
        h.runner(function, TestSettings.defaults().reportFailures()).start();

        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(function.batches()).containsExactly(seq, seq);
    }

    @Test
    void with_bisect_a_partial_batch_response_splits_at_the_returned_sequence_number() {
        List<String> seq = h.put(6, "pk");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() == 1
                ? response("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + seq.get(4) + "\"}]}")
                : ok());
        h.runner(function, TestSettings.defaults().reportFailures().bisect().maxRetries(0))
                .start();

        h.scheduler.runUntilIdle();

        assertThat(function.batches()).containsExactly(seq, seq.subList(4, 6));
        assertThat(h.destination.accepted()).isEmpty();
    }

    @Test
    void throttles_are_retried_without_using_up_maximum_retry_attempts() {
        List<String> seq = h.put(1, "pk");
        AtomicInteger calls = new AtomicInteger();
        FakeFunction function = FakeFunction.answering(ids -> calls.incrementAndGet() <= 5 ? throttled() : ok());
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults().maxRetries(0));
        runner.start();

        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(function.calls()).hasSize(6);
        assertThat(h.destination.accepted()).isEmpty();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(0));
        assertThat(runner.metrics().snapshot()).containsEntry("Throttles", 5L).containsEntry("Invocations", 1L);
    }

    @Test
    void throttles_end_at_the_maximum_record_age() {
        h.put(1, "pk");
        FakeFunction function = FakeFunction.answering(ids -> throttled());
        h.runner(function, TestSettings.defaults().maxAge(Duration.ofSeconds(60)))
                .start();

        h.scheduler.advance(Duration.ofMinutes(3));

        JsonNode record = json(h.destination.accepted().get(0).json());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
    }

    @Test
    void the_checkpoint_moves_past_discarded_records_only_after_the_destination_accepted_them() {
        List<String> seq = h.put(2, "pk");
        h.destination.hold();
        FakeFunction function = FakeFunction.answering(ids -> error());
        h.runner(function, TestSettings.defaults().maxRetries(0)).start();
        h.scheduler.runUntilIdle();
        assertThat(h.checkpoint(SHARD0)).isNull();

        h.destination.releaseAll();
        h.scheduler.runUntilIdle();

        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(1));
    }

    @Test
    void a_refused_on_failure_record_is_sent_again_and_the_shard_waits() {
        List<String> seq = h.put(1, "pk");
        h.destination.refuseNext(2);
        FakeFunction function = FakeFunction.answering(ids -> error());
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults().maxRetries(0));
        runner.start();
        h.scheduler.runUntilIdle();
        assertThat(h.checkpoint(SHARD0)).isNull();

        h.scheduler.advance(Duration.ofSeconds(3));

        assertThat(h.destination.attempts()).isEqualTo(3);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(0));
        assertThat(runner.streamMetrics().destinationDeliveryFailures()).isEqualTo(2);
    }

    @Test
    void without_a_destination_discarded_records_are_dropped_and_counted() {
        List<String> seq = h.put(2, "pk");
        FakeFunction function = FakeFunction.answering(ids -> error());
        StreamMappingRunner runner =
                h.runner(function, TestSettings.defaults().maxRetries(0), RecordFilter.ACCEPT_ALL, null);
        runner.start();
        h.scheduler.runUntilIdle();

        assertThat(runner.streamMetrics().droppedEventCount()).isEqualTo(2);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(seq.get(1));
    }
}
