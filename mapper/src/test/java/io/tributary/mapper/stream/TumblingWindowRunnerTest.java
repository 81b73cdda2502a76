package io.tributary.mapper.stream;

import static io.tributary.mapper.stream.StreamHarness.SHARD0;
import static io.tributary.mapper.testing.FakeFunction.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.mapper.testing.FakeFunction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TumblingWindowRunnerTest {
    private final StreamHarness h = new StreamHarness(1);

    /** Counts records into the state, as the AWS example does. */
    private static FakeFunction counting() {
        return FakeFunction.answeringEvents(event -> {
            int count = event.at("/state/count").asInt(0) + event.get("Records").size();
            return response("{\"state\":{\"count\":" + count + "},\"batchItemFailures\":[]}");
        });
    }

    @Test
    void state_is_passed_between_invocations_and_a_final_invocation_closes_the_window() {
        List<String> first = h.put(2, "pk"); // window [00:00:00, 00:01:00)
        FakeFunction function = counting();
        h.runner(function, TestSettings.defaults().tumblingWindow(Duration.ofSeconds(60)))
                .start();
        h.scheduler.runUntilIdle();
        h.scheduler.advance(Duration.ofSeconds(10));
        List<String> second = h.put(1, "pk");
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(h.checkpoint(SHARD0))
                .as("nothing checkpointed inside the window")
                .isNull();

        h.scheduler.advance(Duration.ofSeconds(55)); // now 00:01:06: a record of the next window
        List<String> next = h.put(1, "pk");
        h.scheduler.advance(Duration.ofSeconds(1));

        List<JsonNode> events =
                function.calls().stream().map(FakeFunction.Call::event).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(4);
        JsonNode e1 = events.get(0);
        assertThat(e1.at("/window/start").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(e1.at("/window/end").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(e1.get("state").toString()).isEqualTo("{}");
        assertThat(e1.get("shardId").asText()).isEqualTo(SHARD0);
        assertThat(e1.get("eventSourceARN").asText()).isEqualTo(h.source.streamArn());
        assertThat(e1.get("isFinalInvokeForWindow").asBoolean()).isFalse();
        assertThat(e1.get("isWindowTerminatedEarly").asBoolean()).isFalse();
        assertThat(function.batches().get(0)).isEqualTo(first);
        assertThat(events.get(1).get("state").toString()).isEqualTo("{\"count\":2}");
        assertThat(function.batches().get(1)).isEqualTo(second);
        JsonNode last = events.get(2);
        assertThat(last.get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(last.get("Records")).isEmpty();
        assertThat(last.get("state").toString()).isEqualTo("{\"count\":3}");
        JsonNode fresh = events.get(3);
        assertThat(fresh.at("/window/start").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(fresh.get("state").toString()).isEqualTo("{}");
        assertThat(function.batches().get(3)).isEqualTo(next);
        assertThat(h.checkpoints.history()).first().isEqualTo(SHARD0 + "@" + second.get(0));
    }

    @Test
    void the_window_closes_when_its_end_time_passes_and_the_shard_is_read_to_its_tip() {
        List<String> records = h.put(1, "pk");
        FakeFunction function = counting();
        h.runner(function, TestSettings.defaults().tumblingWindow(Duration.ofSeconds(60)))
                .start();
        h.scheduler.runUntilIdle();

        h.scheduler.advance(Duration.ofSeconds(61));

        assertThat(function.calls()).hasSize(2);
        assertThat(function.calls().get(1).event().get("isFinalInvokeForWindow").asBoolean())
                .isTrue();
        assertThat(h.checkpoint(SHARD0)).isEqualTo(records.get(0));
    }

    @Test
    void a_response_without_state_counts_as_failed() {
        List<String> records = h.put(1, "pk");
        FakeFunction function = FakeFunction.answeringEvents(event ->
                event.get("Records").isEmpty() ? response("{\"state\":{}}") : response("{\"batchItemFailures\":[]}"));
        h.runner(
                        function,
                        TestSettings.defaults()
                                .tumblingWindow(Duration.ofSeconds(60))
                                .maxRetries(1))
                .start();

        h.scheduler.advance(Duration.ofSeconds(2));

        assertThat(function.batches()).startsWith(records, records);
        assertThat(h.destination.accepted()).hasSize(1);
    }

    @Test
    void a_failing_final_invocation_blocks_the_shard_until_it_succeeds() {
        List<String> records = h.put(1, "pk");
        int[] finals = {0};
        FakeFunction function = FakeFunction.answeringEvents(event -> {
            if (event.get("isFinalInvokeForWindow").asBoolean() && ++finals[0] <= 3) {
                return FakeFunction.error();
            }
            return response("{\"state\":{}}");
        });
        h.runner(function, TestSettings.defaults().tumblingWindow(Duration.ofSeconds(60)))
                .start();
        h.scheduler.advance(Duration.ofSeconds(61));
        assertThat(h.checkpoint(SHARD0)).isNull();

        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(finals[0]).isEqualTo(4);
        assertThat(h.checkpoint(SHARD0)).isEqualTo(records.get(0));
    }

    @Test
    void a_state_over_1_mb_ends_the_window_early() {
        h.put(1, "pk");
        String big = "x".repeat(TumblingWindow.MAX_STATE_BYTES);
        FakeFunction function =
                FakeFunction.answeringEvents(event -> event.get("Records").isEmpty()
                        ? response("{\"state\":{}}")
                        : response("{\"state\":{\"blob\":\"" + big + "\"}}"));
        h.runner(function, TestSettings.defaults().tumblingWindow(Duration.ofSeconds(60)))
                .start();

        h.scheduler.runUntilIdle();

        JsonNode finalEvent = function.calls().get(1).event();
        assertThat(finalEvent.get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(finalEvent.get("isWindowTerminatedEarly").asBoolean()).isTrue();
        assertThat(finalEvent.at("/window/start").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }
}
