package io.tributary.mapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The members of a CreateEventSourceMapping or UpdateEventSourceMapping request, exactly as the caller gave them:
 * {@code null} means "not given" (Create applies the per-source default; Update keeps the current value). Validation
 * against AWS's rules happens in the mapper, not here.
 *
 * @param filterCriteria the patterns of {@code FilterCriteria.Filters[].Pattern}; an empty list is
 *     {@code FilterCriteria: {}}, which removes the filters on Update
 * @param onFailureDestination {@code DestinationConfig.OnFailure.Destination}
 * @param onSuccessDestination {@code DestinationConfig.OnSuccess.Destination} (always rejected for mappings, with
 *     AWS's message)
 */
public record MappingRequest(
        String functionName,
        String eventSourceArn,
        Boolean enabled,
        Integer batchSize,
        Integer maximumBatchingWindowInSeconds,
        List<String> filterCriteria,
        List<String> functionResponseTypes,
        Integer maximumConcurrency,
        String startingPosition,
        Instant startingPositionTimestamp,
        Integer parallelizationFactor,
        Integer maximumRecordAgeInSeconds,
        Boolean bisectBatchOnFunctionError,
        Integer maximumRetryAttempts,
        Integer tumblingWindowInSeconds,
        String onFailureDestination,
        String onSuccessDestination,
        Map<String, String> tags) {

    /** A request with only a function and a source, for tests and the config file. */
    public static MappingRequest of(String functionName, String eventSourceArn) {
        return new MappingRequest(
                functionName,
                eventSourceArn,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
