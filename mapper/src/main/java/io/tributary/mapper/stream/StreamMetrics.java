package io.tributary.mapper.stream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stream-only metrics of a mapping, with Lambda's names (spec §5.5): {@code IteratorAge} (per shard, the age of
 * the last record of a batch when it was sent to the function; the mapping reports the oldest shard), and the
 * discard counters. The shared counters (polled, filtered, invoked, errors, throttles) stay in
 * {@link io.tributary.mapper.runtime.MappingMetrics}. Updating a metric never fails a batch.
 */
public final class StreamMetrics {
    private final Map<String, Long> iteratorAgeMillis = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deliveryFailures = new LongAdder();

    void iteratorAge(String shardId, Duration age) {
        iteratorAgeMillis.put(shardId, Math.max(0, age.toMillis()));
    }

    void shardClosed(String shardId) {
        iteratorAgeMillis.remove(shardId);
    }

    void dropped(int records) {
        dropped.add(records);
    }

    void delivered(int records) {
        delivered.add(records);
    }

    void deliveryFailed() {
        deliveryFailures.increment();
    }

    /** IteratorAge of the mapping in milliseconds: the largest over its shards being read. */
    public long iteratorAgeMillis() {
        return iteratorAgeMillis.values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
    }

    public long droppedEventCount() {
        return dropped.sum();
    }

    public long onFailureDestinationDeliveredEventCount() {
        return delivered.sum();
    }

    public long destinationDeliveryFailures() {
        return deliveryFailures.sum();
    }

    /** A snapshot with Lambda's metric names. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("IteratorAge", iteratorAgeMillis());
        m.put("DroppedEventCount", droppedEventCount());
        m.put("OnFailureDestinationDeliveredEventCount", onFailureDestinationDeliveredEventCount());
        m.put("DestinationDeliveryFailures", destinationDeliveryFailures());
        return m;
    }
}
