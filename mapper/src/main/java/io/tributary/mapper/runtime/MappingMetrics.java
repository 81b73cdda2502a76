package io.tributary.mapper.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one mapping, named after Lambda's ESM metrics (namespace {@code AWS/Lambda}, EventCount group; see
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html). Updating a counter never fails a batch.
 */
public final class MappingMetrics {
    private final LongAdder polled = new LongAdder();
    private final LongAdder filteredOut = new LongAdder();
    private final LongAdder invokedEvents = new LongAdder();
    private final LongAdder failedInvokeEvents = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder invocations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder throttles = new LongAdder();

    public void polled(int n) {
        polled.add(n);
    }

    public void filteredOut(int n) {
        filteredOut.add(n);
    }

    public void invoked(int events) {
        invocations.increment();
        invokedEvents.add(events);
    }

    public void failed(int events) {
        errors.increment();
        failedInvokeEvents.add(events);
    }

    public void deleted(int n) {
        deleted.add(n);
    }

    public void throttled() {
        throttles.increment();
    }

    public long filteredOutCount() {
        return filteredOut.sum();
    }

    public long invocationCount() {
        return invocations.sum();
    }

    /** A snapshot with Lambda's metric names. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("PolledEventCount", polled.sum());
        m.put("FilteredOutEventCount", filteredOut.sum());
        m.put("InvokedEventCount", invokedEvents.sum());
        m.put("FailedInvokeEventCount", failedInvokeEvents.sum());
        m.put("DeletedEventCount", deleted.sum());
        m.put("Invocations", invocations.sum());
        m.put("Errors", errors.sum());
        m.put("Throttles", throttles.sum());
        return m;
    }
}
