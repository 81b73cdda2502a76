package io.tributary.mapper.stream;

import java.util.List;

/**
 * Records invoked together, with AWS's counters for them. A batch starts as one chunk; bisecting splits it and a
 * partial batch response cuts off its successful head.
 *
 * @param records the records, in shard order (never empty)
 * @param retries retries used so far; splits do not count (spec §3.3)
 * @param invocations how many invocations carried these records ({@code approximateInvokeCount})
 * @param throttles throttled attempts in a row (only for the backoff; throttles never use up retries)
 */
record Chunk(List<ShardRecord> records, int retries, int invocations, int throttles) {
    Chunk {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a chunk holds at least one record");
        }
    }

    static Chunk of(List<ShardRecord> records) {
        return new Chunk(records, 0, 0, 0);
    }

    int size() {
        return records.size();
    }

    ShardRecord first() {
        return records.get(0);
    }

    Chunk invoked() {
        return new Chunk(records, retries, invocations + 1, throttles);
    }

    Chunk throttled() {
        return new Chunk(records, retries, invocations, throttles + 1);
    }

    Chunk retried() {
        return new Chunk(records, retries + 1, invocations, 0);
    }

    /** The records from {@code index} on, keeping the counters (a split or a partial batch response). */
    Chunk from(int index) {
        return new Chunk(records.subList(index, records.size()), retries, invocations, 0);
    }

    /** The two halves of a bisect; each keeps the counters, since splits do not count as retries. */
    List<Chunk> halves() {
        int mid = (records.size() + 1) / 2;
        return List.of(
                new Chunk(records.subList(0, mid), retries, invocations, 0),
                new Chunk(records.subList(mid, records.size()), retries, invocations, 0));
    }
}
