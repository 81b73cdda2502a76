package io.tributary.app;

import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.TributaryConfig;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingService;
import io.tributary.mapper.control.BatchCreateException;
import io.tributary.mapper.control.MappingManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the config file's {@code EventSourceMappings} exist: a mapping not stored yet (no stored mapping of the same
 * function and source) is created; a stored one is updated with the file's values, so editing the file and restarting
 * changes the mapping. Mappings created through the API are left alone. AWS's validation errors are reported at the
 * mapping's key in the file.
 *
 * <p>Start-up time: the new mappings are created as one batch ({@link MappingManager#createAll}: queues described
 * concurrently, one durable write of the batch), and a stored mapping the file does not change is recognised from the
 * stored definition alone ({@link MappingManager#isUpToDate}), so a restart with an unchanged file makes no SQS call,
 * writes nothing and restarts no mapping.
 */
final class ConfigMappings {
    private static final Logger log = LoggerFactory.getLogger(ConfigMappings.class);

    private ConfigMappings() {}

    static void apply(TributaryConfig config, MappingManager mappings) {
        List<MappingRequest> declared = config.eventSourceMappings();
        Map<String, EventSourceMapping> stored = storedBySourceAndFunction(mappings);
        List<Integer> missing = new ArrayList<>();
        int upToDate = 0;
        int updated = 0;
        for (int i = 0; i < declared.size(); i++) {
            MappingRequest request = declared.get(i);
            EventSourceMapping existing =
                    stored.get(key(request.eventSourceArn(), config.functionArn(request.functionName())));
            if (existing == null) {
                missing.add(i);
                continue;
            }
            MappingRequest update = withoutCreateOnlyMembers(request);
            if (mappings.isUpToDate(existing.uuid(), update)) {
                upToDate++;
                log.debug(
                        "Event source mapping {} ({} → {}) from {} is up to date",
                        existing.uuid(),
                        request.eventSourceArn(),
                        request.functionName(),
                        config.source());
                continue;
            }
            try {
                mappings.update(existing.uuid(), update);
            } catch (EsmException e) {
                throw new ConfigFileException(config.source(), config.mappingKey(i), e.getMessage());
            }
            updated++;
            log.info(
                    "Updated event source mapping {} ({} → {}) from {}",
                    existing.uuid(),
                    request.eventSourceArn(),
                    request.functionName(),
                    config.source());
        }
        if (!missing.isEmpty()) {
            try {
                mappings.createAll(missing.stream().map(declared::get).toList());
            } catch (BatchCreateException e) {
                throw new ConfigFileException(
                        config.source(),
                        config.mappingKey(missing.get(e.index())),
                        e.reason().getMessage());
            }
        }
        if (!declared.isEmpty()) {
            log.info(
                    "Event source mappings from {}: {} created, {} updated, {} up to date",
                    config.source(),
                    missing.size(),
                    updated,
                    upToDate);
        }
    }

    /** Every stored mapping by source and function ARN; the first created wins, as a list by source would show. */
    private static Map<String, EventSourceMapping> storedBySourceAndFunction(MappingService mappings) {
        Map<String, EventSourceMapping> stored = new HashMap<>();
        String marker = null;
        do {
            MappingService.Page page = mappings.list(null, null, marker, 10_000);
            for (EventSourceMapping m : page.mappings()) {
                stored.putIfAbsent(key(m.eventSourceArn(), m.functionArn()), m);
            }
            marker = page.nextMarker();
        } while (marker != null);
        return stored;
    }

    private static String key(String eventSourceArn, String functionArn) {
        return eventSourceArn + " " + functionArn;
    }

    /** EventSourceArn, StartingPosition(Timestamp) and Tags are fixed at creation (AWS's Update rejects them). */
    private static MappingRequest withoutCreateOnlyMembers(MappingRequest r) {
        return new MappingRequest(
                r.functionName(),
                null,
                r.enabled(),
                r.batchSize(),
                r.maximumBatchingWindowInSeconds(),
                r.filterCriteria() == null ? List.of() : r.filterCriteria(),
                r.functionResponseTypes(),
                r.maximumConcurrency(),
                null,
                null,
                r.parallelizationFactor(),
                r.maximumRecordAgeInSeconds(),
                r.bisectBatchOnFunctionError(),
                r.maximumRetryAttempts(),
                r.tumblingWindowInSeconds(),
                r.onFailureDestination(),
                r.onSuccessDestination(),
                null);
    }
}
