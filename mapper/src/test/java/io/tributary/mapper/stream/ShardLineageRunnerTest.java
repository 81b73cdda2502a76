package io.tributary.mapper.stream;

import static io.tributary.mapper.stream.StreamHarness.SHARD0;
import static io.tributary.mapper.testing.FakeFunction.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mapper.testing.FakeFunction;
import io.tributary.mapper.testing.InMemoryStreamSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardLineageRunnerTest {

    @Test
    void after_a_split_the_children_are_read_only_once_the_parent_is_finished() {
        StreamHarness h = new StreamHarness(1);
        List<String> parent = h.put(2, "pk");
        List<String> children = h.source.split(SHARD0);
        String childRecord = h.source.put(children.get(0), "pk", "ZA==");
        String otherChildRecord = h.source.put(children.get(1), "pk", "ZA==");
        FakeFunction function = FakeFunction.holding();
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults());

        runner.start();
        h.scheduler.runUntilIdle();
        assertThat(function.batches()).containsExactly(parent);
        assertThat(runner.activeShards()).containsExactly(SHARD0);

        function.pending().get(0).result().complete(ok());
        h.scheduler.runUntilIdle();
        function.pending().forEach(c -> c.result().complete(ok()));
        h.scheduler.runUntilIdle();

        assertThat(h.checkpoints.history()).startsWith(SHARD0 + "@" + parent.get(1), SHARD0 + "@END");
        assertThat(function.batches())
                .containsExactlyInAnyOrder(parent, List.of(childRecord), List.of(otherChildRecord));
        assertThat(function.batches().get(0)).isEqualTo(parent);
    }

    @Test
    void a_merged_shard_is_read_only_once_both_parents_are_finished() {
        StreamHarness h = new StreamHarness(2);
        String shard1 = InMemoryStreamSource.shardId(1);
        String a = h.source.put(SHARD0, "pk", "ZA==");
        String b = h.source.put(shard1, "pk", "ZA==");
        String merged = h.source.merge(SHARD0, shard1);
        String c = h.source.put(merged, "pk", "ZA==");
        FakeFunction function = FakeFunction.holding();
        StreamMappingRunner runner = h.runner(function, TestSettings.defaults());
        runner.start();
        h.scheduler.runUntilIdle();
        assertThat(function.batches()).containsExactlyInAnyOrder(List.of(a), List.of(b));

        function.calls().stream().filter(call -> call.ids().contains(a)).forEach(call -> call.result()
                .complete(ok()));
        h.scheduler.runUntilIdle();
        assertThat(runner.activeShards()).containsExactly(shard1);
        assertThat(function.calls()).hasSize(2);

        function.pending().forEach(call -> call.result().complete(ok()));
        h.scheduler.runUntilIdle();
        assertThat(runner.activeShards()).containsExactly(merged);
        assertThat(function.batches().get(2)).containsExactly(c);
    }

    @Test
    void a_split_while_running_is_found_by_the_shard_refresh_and_children_start_at_trim_horizon() {
        StreamHarness h = new StreamHarness(1);
        FakeFunction function = FakeFunction.answering(ids -> ok());
        StreamMappingRunner runner =
                h.runner(function, TestSettings.defaults().start(io.tributary.api.StreamPosition.latest()));
        runner.start();
        h.scheduler.runUntilIdle();
        List<String> expected = new ArrayList<>(h.put(1, "pk"));
        h.scheduler.advance(java.time.Duration.ofSeconds(1));

        List<String> children = h.source.split(SHARD0);
        expected.add(h.source.put(children.get(0), "pk", "ZA=="));
        h.scheduler.advance(java.time.Duration.ofSeconds(15));

        assertThat(function.batches().stream().flatMap(List::stream)).containsExactlyElementsOf(expected);
        assertThat(h.checkpoints.load("esm-uuid", SHARD0).orElseThrow().finished())
                .isTrue();
    }
}
