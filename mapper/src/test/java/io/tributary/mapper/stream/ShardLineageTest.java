package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.StreamShard;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardLineageTest {
    private static final StreamShard PARENT = StreamShard.root("s0", true);
    private static final StreamShard OTHER = StreamShard.root("s1", true);
    private static final StreamShard CHILD = new StreamShard("s2", "s0", null, false);
    private static final StreamShard MERGED = new StreamShard("s3", "s0", "s1", false);

    @Test
    void roots_are_ready_children_wait_for_their_parent() {
        assertThat(ShardLineage.ready(List.of(CHILD, PARENT), Set.of(), Set.of()))
                .containsExactly(PARENT);
        assertThat(ShardLineage.ready(List.of(CHILD, PARENT), Set.of("s0"), Set.of()))
                .containsExactly(CHILD);
    }

    @Test
    void a_merged_shard_waits_for_both_parents() {
        List<StreamShard> shards = List.of(PARENT, OTHER, MERGED);
        assertThat(ShardLineage.ready(shards, Set.of("s0"), Set.of("s1"))).isEmpty();
        assertThat(ShardLineage.ready(shards, Set.of("s0", "s1"), Set.of())).containsExactly(MERGED);
    }

    @Test
    void a_parent_no_longer_listed_has_expired_and_does_not_block() {
        assertThat(ShardLineage.ready(List.of(CHILD), Set.of(), Set.of())).containsExactly(CHILD);
    }

    @Test
    void active_and_finished_shards_are_not_started_again() {
        assertThat(ShardLineage.ready(List.of(PARENT, OTHER), Set.of("s0"), Set.of("s1")))
                .isEmpty();
    }
}
