package io.tributary.mapper.runtime;

import io.tributary.mapper.EventSourceMapping;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link EngineRuntime} reports about each mapping: its LastProcessingResult and its counters since this process
 * started. Kept apart from the runners because both outlive them: a result stays readable while a mapping is disabled
 * or waits for a retry, and counters are kept across updates and disabling until the mapping is deleted. Thread-safe:
 * runners write results from their own threads.
 */
final class MappingStatus {
    /** Logged under the runtime's name, as before this class was split out of it. */
    private static final Logger log = LoggerFactory.getLogger(EngineRuntime.class);

    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final Map<String, MappingMetrics> metrics = new ConcurrentHashMap<>();

    Optional<String> lastProcessingResult(String uuid) {
        return Optional.ofNullable(results.get(uuid));
    }

    /** Records the result a runner reports. */
    void result(String uuid, String result) {
        results.put(uuid, result);
    }

    /** Records why {@code mapping} does not poll; logs it only when it changed, since retries repeat it. */
    void problem(EventSourceMapping mapping, String result) {
        if (!result.equals(results.put(mapping.uuid(), result))) {
            log.warn(
                    "Mapping {} ({} → {}) is not polling: {}",
                    mapping.uuid(),
                    mapping.eventSourceArn(),
                    mapping.functionArn(),
                    result.substring("PROBLEM: ".length()));
        }
    }

    /** The counters a new runner of the mapping adds to: the ones of its earlier runners, if any. */
    MappingMetrics metricsFor(String uuid) {
        return metrics.computeIfAbsent(uuid, u -> new MappingMetrics());
    }

    Optional<MappingMetrics> metrics(String uuid) {
        return Optional.ofNullable(metrics.get(uuid));
    }

    /** Every mapping's counters by UUID. */
    Map<String, Map<String, Long>> metricsSnapshot() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        metrics.forEach((uuid, m) -> snapshot.put(uuid, m.snapshot()));
        return snapshot;
    }

    /** The mapping is deleted: its counters go with it. */
    void forgetMetrics(String uuid) {
        metrics.remove(uuid);
    }
}
