package io.tributary.mapper.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mapper.ShardCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_saved_checkpoint_survives_a_new_store_instance() {
        new FileCheckpointStore(dir).save("m-1", "shardId-000000000001", "4959033827149025660855969253836157109592");

        FileCheckpointStore reopened = new FileCheckpointStore(dir);

        assertThat(reopened.load("m-1", "shardId-000000000001"))
                .contains(new ShardCheckpoint("4959033827149025660855969253836157109592", false));
        assertThat(reopened.load("m-1", "shardId-000000000002")).isEmpty();
    }

    @Test
    void finishing_a_shard_keeps_its_sequence_number() {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save("m-1", "s1", "12");
        store.markShardFinished("m-1", "s1");
        store.markShardFinished("m-1", "s2");

        assertThat(store.loadAll("m-1"))
                .isEqualTo(Map.of("s1", new ShardCheckpoint("12", true), "s2", new ShardCheckpoint(null, true)));
    }

    @Test
    void writes_leave_no_temporary_files_and_delete_all_forgets_the_mapping() throws Exception {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save("m-1", "shard/with:odd chars", "1");
        store.save("m-1", "shard/with:odd chars", "2");

        try (var files = Files.list(dir.resolve("m-1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json"));
        }
        assertThat(store.loadAll("m-1")).containsOnlyKeys("shard/with:odd chars");

        store.deleteAll("m-1");
        assertThat(store.loadAll("m-1")).isEmpty();
    }
}
