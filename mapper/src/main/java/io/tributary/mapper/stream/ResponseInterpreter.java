package io.tributary.mapper.stream;

import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import io.tributary.mapper.batch.PartialBatchResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an invocation result into an {@link Outcome} with the stream rules of spec §3.1: a partial batch response is
 * read only with ReportBatchItemFailures; the lowest failed sequence number wins; an invalid response fails the whole
 * batch.
 */
final class ResponseInterpreter {
    static final String UNHANDLED = "Unhandled";

    private ResponseInterpreter() {}

    static Outcome interpret(InvocationResult result, List<ShardRecord> records, boolean reportBatchItemFailures) {
        if (result instanceof InvocationResult.Success success) {
            return reportBatchItemFailures ? partial(success.response(), records) : new Outcome.Succeeded();
        }
        if (result instanceof InvocationResult.FunctionError error) {
            return new Outcome.Failed(UNHANDLED, error.errorType() + ": " + error.errorMessage());
        }
        if (result instanceof InvocationResult.TimedOut timedOut) {
            return new Outcome.Failed(
                    UNHANDLED, "timed out after " + timedOut.timeout().toSeconds() + " s");
        }
        if (result instanceof InvocationResult.Throttled throttled) {
            return new Outcome.Throttled(throttled.reason());
        }
        throw new IllegalStateException("unknown invocation result " + result);
    }

    /** Reads a partial batch response; the records' sequence numbers are its item identifiers. */
    static Outcome partial(Payload response, List<ShardRecord> records) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            index.put(records.get(i).sequenceNumber(), i);
        }
        PartialBatchResponse.Outcome outcome = PartialBatchResponse.parse(response, index.keySet());
        if (outcome instanceof PartialBatchResponse.Outcome.SomeFailed some) {
            int first = records.size();
            for (String id : some.failedIds()) {
                first = Math.min(first, index.get(id));
            }
            return new Outcome.PartiallyFailed(first);
        }
        if (outcome instanceof PartialBatchResponse.Outcome.Invalid invalid) {
            return new Outcome.Failed(null, "invalid partial batch response: " + invalid.reason());
        }
        return new Outcome.Succeeded();
    }
}
