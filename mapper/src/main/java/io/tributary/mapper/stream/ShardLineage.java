package io.tributary.mapper.stream;

import io.tributary.api.StreamShard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parent-before-child order (spec §3.3; https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html):
 * a shard may be read once each of its parents (split: {@code parentShardId}; merge: also {@code
 * adjacentParentShardId}) is finished — fully processed and checkpointed — or no longer listed (its records expired
 * with the stream's retention, so nothing of it is left to process).
 */
final class ShardLineage {
    private ShardLineage() {}

    /**
     * @param shards the current shard list
     * @param finished shards known to be finished (from the checkpoint store and this run)
     * @param active shards being read now
     * @return the shards to start now, by shard id
     */
    static List<StreamShard> ready(List<StreamShard> shards, Set<String> finished, Set<String> active) {
        Set<String> listed = new HashSet<>();
        for (StreamShard shard : shards) {
            listed.add(shard.shardId());
        }
        List<StreamShard> ready = new ArrayList<>();
        for (StreamShard shard : shards) {
            String id = shard.shardId();
            if (finished.contains(id) || active.contains(id)) {
                continue;
            }
            if (parentDone(shard.parentShardId(), listed, finished)
                    && parentDone(shard.adjacentParentShardId(), listed, finished)) {
                ready.add(shard);
            }
        }
        ready.sort(Comparator.comparing(StreamShard::shardId));
        return ready;
    }

    private static boolean parentDone(String parent, Set<String> listed, Set<String> finished) {
        return parent == null || finished.contains(parent) || !listed.contains(parent);
    }
}
