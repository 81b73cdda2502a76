package io.tributary.mapper;

import java.util.Map;
import java.util.Optional;

/**
 * Where stream mappings keep their position in each shard, so a restart resumes right after the last processed
 * record whatever the mapping's StartingPosition. The embedded default is a file per shard under the data directory;
 * a shared database can serve several instances later.
 *
 * <p>Called by the engine after each batch whose records are all decided (and after their on-failure record was
 * accepted), on its scheduler threads: implementations should be quick (a small file write). Thread-safe; every
 * write is durable when the call returns; writes for one shard never run concurrently. Errors: an unchecked
 * {@link io.tributary.api.TributaryException} when storage fails; the engine logs it and writes again with its next
 * checkpoint (the records are processed again after a crash, never skipped).
 */
public interface CheckpointStore {

    /** The checkpoint of one shard, or empty when the mapping never checkpointed it. */
    Optional<ShardCheckpoint> load(String mappingUuid, String shardId);

    /** Every checkpointed shard of the mapping, by shard id. */
    Map<String, ShardCheckpoint> loadAll(String mappingUuid);

    /** Records that every record of the shard up to and including {@code sequenceNumber} is processed. */
    void save(String mappingUuid, String shardId, String sequenceNumber);

    /**
     * Records that the shard has ended and all its records are processed (its children may be read). Keeps the last
     * sequence number.
     */
    void markShardFinished(String mappingUuid, String shardId);

    /** Forgets every checkpoint of the mapping (when the mapping is deleted). */
    void deleteAll(String mappingUuid);
}
