package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.ShardCheckpoint;
import io.tributary.mapper.checkpoint.InMemoryCheckpointStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShardCheckpointerTest {
    private static final String UUID = "esm-uuid";
    private static final String SHARD = "shardId-000000000000";

    private final InMemoryCheckpointStore saved = new InMemoryCheckpointStore();
    private final FailingCheckpointStore store = new FailingCheckpointStore(saved);
    private final ShardCheckpointer checkpointer = new ShardCheckpointer(UUID, SHARD, store);

    @Test
    void saves_only_the_contiguous_prefix_of_decided_records() {
        ShardRecord a = record("1"), b = record("2"), c = record("3");
        List.of(a, b, c).forEach(checkpointer::read);

        checkpointer.decided(List.of(b));
        checkpointer.decided(List.of(a));

        assertThat(saved.history()).containsExactly(SHARD + "@2");
        assertThat(checkpointer.allDecided()).isFalse();
    }

    @Test
    void a_checkpoint_that_cannot_be_saved_is_saved_with_the_next_one() {
        ShardRecord a = record("1"), b = record("2"), c = record("3");
        List.of(a, b, c).forEach(checkpointer::read);
        store.failing = true;

        checkpointer.decided(List.of(a));
        store.failing = false;
        checkpointer.decided(List.of(b));

        assertThat(saved.history()).containsExactly(SHARD + "@2");
    }

    @Test
    void finishing_the_shard_fails_while_the_last_checkpoint_is_unsaved_and_works_when_tried_again() {
        ShardRecord a = record("1");
        checkpointer.read(a);
        store.failing = true;
        checkpointer.decided(List.of(a));

        assertThatThrownBy(checkpointer::finishShard).isInstanceOf(IllegalStateException.class);
        assertThat(saved.history()).isEmpty();

        store.failing = false;
        checkpointer.finishShard();

        assertThat(saved.history()).containsExactly(SHARD + "@1", SHARD + "@END");
        assertThat(checkpointer.allDecided()).isTrue();
    }

    @Test
    void loads_the_saved_checkpoint_of_its_own_mapping_and_shard() {
        saved.save(UUID, SHARD, "42");
        saved.save("other-uuid", SHARD, "7");

        assertThat(checkpointer.load()).contains("42");
        assertThat(new ShardCheckpointer(UUID, "shardId-000000000001", store).load())
                .isEmpty();
    }

    private static ShardRecord record(String sequenceNumber) {
        return ShardRecord.of(new StreamRecord(sequenceNumber, "pk", Instant.EPOCH, Payload.utf8("{}")));
    }

    /** Delegates to an in-memory store, and refuses saves and finishes while {@link #failing} is set. */
    private static final class FailingCheckpointStore implements CheckpointStore {
        private final CheckpointStore delegate;
        boolean failing;

        FailingCheckpointStore(CheckpointStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<ShardCheckpoint> load(String mappingUuid, String shardId) {
            return delegate.load(mappingUuid, shardId);
        }

        @Override
        public Map<String, ShardCheckpoint> loadAll(String mappingUuid) {
            return delegate.loadAll(mappingUuid);
        }

        @Override
        public void save(String mappingUuid, String shardId, String sequenceNumber) {
            failIfAsked();
            delegate.save(mappingUuid, shardId, sequenceNumber);
        }

        @Override
        public void markShardFinished(String mappingUuid, String shardId) {
            failIfAsked();
            delegate.markShardFinished(mappingUuid, shardId);
        }

        @Override
        public void deleteAll(String mappingUuid) {
            delegate.deleteAll(mappingUuid);
        }

        private void failIfAsked() {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
        }
    }
}
