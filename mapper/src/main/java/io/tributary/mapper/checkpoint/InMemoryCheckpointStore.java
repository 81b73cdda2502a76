package io.tributary.mapper.checkpoint;

import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.ShardCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints in memory: for tests and for {@code tributary run} sessions that need no restart. Keeps the history of
 * saves so tests can assert when the checkpoint moved.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Map<String, ShardCheckpoint>> mappings = new ConcurrentHashMap<>();
    private final List<String> history = new ArrayList<>();

    @Override
    public Optional<ShardCheckpoint> load(String mappingUuid, String shardId) {
        return Optional.ofNullable(shards(mappingUuid).get(shardId));
    }

    @Override
    public Map<String, ShardCheckpoint> loadAll(String mappingUuid) {
        return Map.copyOf(shards(mappingUuid));
    }

    @Override
    public synchronized void save(String mappingUuid, String shardId, String sequenceNumber) {
        shards(mappingUuid).put(shardId, new ShardCheckpoint(sequenceNumber, false));
        history.add(shardId + "@" + sequenceNumber);
    }

    @Override
    public synchronized void markShardFinished(String mappingUuid, String shardId) {
        ShardCheckpoint old = shards(mappingUuid).get(shardId);
        shards(mappingUuid).put(shardId, new ShardCheckpoint(old == null ? null : old.sequenceNumber(), true));
        history.add(shardId + "@END");
    }

    @Override
    public void deleteAll(String mappingUuid) {
        mappings.remove(mappingUuid);
    }

    /** Every save and finish, in order, as {@code shardId@sequence} or {@code shardId@END}. */
    public synchronized List<String> history() {
        return List.copyOf(history);
    }

    private Map<String, ShardCheckpoint> shards(String mappingUuid) {
        return mappings.computeIfAbsent(mappingUuid, k -> new ConcurrentHashMap<>());
    }
}
