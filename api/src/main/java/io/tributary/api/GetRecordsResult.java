package io.tributary.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One GetRecords answer.
 *
 * @param records the records, in shard order (possibly none, even when more follow)
 * @param nextIterator where to read next; {@code null} when the shard is closed and every record has been returned
 *     (the shard has ended: its children may be read once it is checkpointed)
 * @param behindLatest how far the iterator is behind the shard's newest record (Kinesis {@code MillisBehindLatest});
 *     {@code null} when the service does not say (DynamoDB Streams)
 */
public record GetRecordsResult(List<StreamRecord> records, String nextIterator, Duration behindLatest) {
    public GetRecordsResult {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }

    public boolean shardEnded() {
        return nextIterator == null;
    }
}
