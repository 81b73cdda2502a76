package io.tributary.mapper.stream;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which sequence number a shard may checkpoint. Records are added in shard order as they are read and marked done
 * in any order (lanes finish independently under ParallelizationFactor; filtered-out records are done at once); the
 * checkpoint only ever moves over a contiguous prefix of done records, so a restart never skips a record that is
 * still in flight or waiting for a retry. Not thread-safe: the shard consumer guards it.
 */
final class CheckpointTracker {
    private final ArrayDeque<ShardRecord> pending = new ArrayDeque<>();
    private final Set<BigInteger> done = new HashSet<>();

    void add(ShardRecord record) {
        pending.add(record);
    }

    void markDone(Collection<ShardRecord> records) {
        for (ShardRecord record : records) {
            done.add(record.sequence());
        }
    }

    /** Drops the done prefix and returns the last sequence number in it, or empty when the head is not done. */
    Optional<String> advance() {
        String last = null;
        while (!pending.isEmpty() && done.remove(pending.peek().sequence())) {
            last = pending.poll().sequenceNumber();
        }
        return Optional.ofNullable(last);
    }

    /** Whether every record read so far is done and checkpointable. */
    boolean allDone() {
        return pending.isEmpty();
    }

    int pendingCount() {
        return pending.size();
    }
}
