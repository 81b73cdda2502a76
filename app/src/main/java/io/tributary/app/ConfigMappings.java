package io.tributary.app;

import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.TributaryConfig;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingService;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the config file's {@code EventSourceMappings} exist: a mapping not stored yet (no stored mapping of the same
 * function and source) is created; a stored one is updated with the file's values, so editing the file and restarting
 * changes the mapping. Mappings created through the API are left alone. AWS's validation errors are reported at the
 * mapping's key in the file.
 */
final class ConfigMappings {
    private static final Logger log = LoggerFactory.getLogger(ConfigMappings.class);

    private ConfigMappings() {}

    static void apply(TributaryConfig config, MappingService mappings) {
        List<MappingRequest> declared = config.eventSourceMappings();
        for (int i = 0; i < declared.size(); i++) {
            MappingRequest request = declared.get(i);
            try {
                Optional<EventSourceMapping> stored = find(mappings, config, request);
                if (stored.isPresent()) {
                    mappings.update(stored.get().uuid(), withoutCreateOnlyMembers(request));
                    log.info(
                            "Event source mapping {} ({} → {}) from {} is up to date",
                            stored.get().uuid(),
                            request.eventSourceArn(),
                            request.functionName(),
                            config.source());
                } else {
                    EventSourceMapping created = mappings.create(request);
                    log.info(
                            "Created event source mapping {} ({} → {}) from {}",
                            created.uuid(),
                            request.eventSourceArn(),
                            request.functionName(),
                            config.source());
                }
            } catch (EsmException e) {
                throw new ConfigFileException(config.source(), config.mappingKey(i), e.getMessage());
            }
        }
    }

    private static Optional<EventSourceMapping> find(
            MappingService mappings, TributaryConfig config, MappingRequest request) {
        String functionArn = config.functionArn(request.functionName());
        return mappings.list(request.eventSourceArn(), null, null, 10_000).mappings().stream()
                .filter(m -> m.functionArn().equals(functionArn))
                .findFirst();
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
