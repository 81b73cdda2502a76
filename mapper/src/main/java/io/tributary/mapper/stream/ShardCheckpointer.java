package io.tributary.mapper.stream;

import io.tributary.mapper.CheckpointStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint half of a {@link ShardConsumer}: remembers every record read in shard order, moves the checkpoint
 * over the contiguous prefix of decided records ({@link CheckpointTracker}) and saves it, and marks the shard finished
 * once it has ended and every record is decided.
 *
 * <p>A checkpoint that cannot be saved is kept and saved with the next one: the store's failure never fails a batch,
 * and at worst a restart reads some decided records again (at-least-once, as AWS).
 *
 * <p>Not thread-safe: the owning shard consumer calls it with its lock held.
 */
final class ShardCheckpointer {
    private static final Logger log = LoggerFactory.getLogger(ShardCheckpointer.class);

    private final String mappingUuid;
    private final String shardId;
    private final CheckpointStore store;
    private final CheckpointTracker tracker = new CheckpointTracker();
    private String unsaved;

    ShardCheckpointer(String mappingUuid, String shardId, CheckpointStore store) {
        this.mappingUuid = mappingUuid;
        this.shardId = shardId;
        this.store = store;
    }

    /** The sequence number the shard was last checkpointed at, if any. */
    Optional<String> load() {
        return store.load(mappingUuid, shardId).map(c -> c.sequenceNumber());
    }

    /** A record was read: it holds the checkpoint back until it is decided. Call in shard order. */
    void read(ShardRecord record) {
        tracker.add(record);
    }

    /** Records whose processing is final (lanes, filters): moves the checkpoint over the contiguous done prefix. */
    void decided(List<ShardRecord> records) {
        tracker.markDone(records);
        tracker.advance().ifPresent(sequence -> unsaved = sequence);
        save();
    }

    /** Whether every record read so far is decided and checkpointed (or waiting to be saved). */
    boolean allDecided() {
        return tracker.allDone();
    }

    /**
     * Saves the last checkpoint and marks the shard finished, so that its children may start.
     *
     * @throws RuntimeException when either cannot be saved; calling again later retries both
     */
    void finishShard() {
        if (!save()) {
            throw new IllegalStateException("the last checkpoint was not saved");
        }
        store.markShardFinished(mappingUuid, shardId);
    }

    private boolean save() {
        if (unsaved == null) {
            return true;
        }
        try {
            store.save(mappingUuid, shardId, unsaved);
            unsaved = null;
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Mapping {}: cannot save the checkpoint of shard {} ({}); it is saved with the next one",
                    mappingUuid,
                    shardId,
                    e.getMessage());
            return false;
        }
    }
}
