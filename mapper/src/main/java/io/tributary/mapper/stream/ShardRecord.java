package io.tributary.mapper.stream;

import io.tributary.api.SourceRecord;
import io.tributary.api.StreamRecord;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A stream record as the engine carries it: its parsed sequence number and the {@link SourceRecord} view that filters
 * and the event assembler take (id = sequence number, ordering key = partition key).
 */
record ShardRecord(StreamRecord record, BigInteger sequence, SourceRecord source) {

    static ShardRecord of(StreamRecord record) {
        return new ShardRecord(
                record,
                record.sequence(),
                new SourceRecord(
                        record.sequenceNumber(),
                        record.sequenceNumber(),
                        record.partitionKey(),
                        record.json(),
                        record.approximateArrivalTimestamp()));
    }

    String sequenceNumber() {
        return record.sequenceNumber();
    }

    Instant arrival() {
        return record.approximateArrivalTimestamp();
    }

    int size() {
        return record.json().size();
    }
}
