package io.tributary.mapper.stream;

import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import io.tributary.mapper.batch.EventAssembler;
import java.util.ArrayList;
import java.util.List;

/**
 * How a chunk becomes the function's event and how the function's answer is read: plain {@code {"Records":[...]}}
 * events, or tumbling-window events with their state ({@link TumblingWindow}).
 */
interface EventShape {

    Payload event(List<ShardRecord> records);

    Outcome interpret(InvocationResult result, List<ShardRecord> records);

    /** The plain stream event of spec §2.3/2.4. */
    static EventShape plain(boolean reportBatchItemFailures) {
        return new EventShape() {
            @Override
            public Payload event(List<ShardRecord> records) {
                return records(records);
            }

            @Override
            public Outcome interpret(InvocationResult result, List<ShardRecord> records) {
                return ResponseInterpreter.interpret(result, records, reportBatchItemFailures);
            }
        };
    }

    static Payload records(List<ShardRecord> records) {
        List<io.tributary.api.SourceRecord> sources = new ArrayList<>(records.size());
        for (ShardRecord record : records) {
            sources.add(record.source());
        }
        return EventAssembler.records(sources);
    }
}
