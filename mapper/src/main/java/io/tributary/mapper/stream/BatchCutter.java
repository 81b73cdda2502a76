package io.tributary.mapper.stream;

import io.tributary.mapper.batch.EventAssembler;
import java.time.Instant;
import java.util.Collection;

/**
 * How many queued records the next batch takes: at most BatchSize, never more than the 6 MB synchronous payload
 * limit (spec §5.6; a single larger record still goes alone, and the function call reports the error), and never
 * across a tumbling-window boundary.
 */
final class BatchCutter {
    private BatchCutter() {}

    /**
     * @param reservedBytes bytes the event adds besides the records (tumbling-window members and state)
     * @param window the shard's tumbling window, or {@code null}
     */
    static int count(Collection<ShardRecord> queue, int batchSize, int reservedBytes, TumblingWindow window) {
        int n = 0;
        int bytes = 0;
        Instant windowStart = null;
        for (ShardRecord record : queue) {
            if (n == batchSize) {
                break;
            }
            if (window != null) {
                Instant w = window.windowOf(record);
                if (windowStart == null) {
                    windowStart = w;
                } else if (!windowStart.equals(w)) {
                    break;
                }
            }
            if (n > 0
                    && (long) EventAssembler.sizeWith(bytes, n, record.size()) + reservedBytes
                            > EventAssembler.MAX_EVENT_BYTES) {
                break;
            }
            bytes += record.size();
            n++;
        }
        return n;
    }
}
