package io.tributary.mapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored event source mapping: its configuration with every default applied, and its state. Serialized to AWS's
 * {@code EventSourceMappingConfiguration} by the API layer; members that do not apply to the source are {@code null}
 * and left out of responses.
 */
public record EventSourceMapping(
        String uuid,
        String functionArn,
        String eventSourceArn,
        SourceKind sourceKind,
        int batchSize,
        int maximumBatchingWindowInSeconds,
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
        Map<String, String> tags,
        MappingState state,
        String stateTransitionReason,
        Instant lastModified,
        String lastProcessingResult) {

    public EventSourceMapping {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(eventSourceArn, "eventSourceArn");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastModified, "lastModified");
        filterCriteria = filterCriteria == null ? null : List.copyOf(filterCriteria);
        functionResponseTypes = functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean enabled() {
        return state == MappingState.Enabled || state == MappingState.Enabling || state == MappingState.Creating;
    }

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }

    public EventSourceMapping withState(MappingState newState, Instant now) {
        return withRuntimeState(newState, now, lastProcessingResult);
    }

    public EventSourceMapping withLastProcessingResult(String result) {
        return withRuntimeState(state, lastModified, result);
    }

    /**
     * A copy with other runtime members: the state machine and the poller change only these, never the configuration
     * (which Create and Update assemble in the control plane's draft).
     */
    private EventSourceMapping withRuntimeState(MappingState newState, Instant modified, String result) {
        return new EventSourceMapping(
                uuid,
                functionArn,
                eventSourceArn,
                sourceKind,
                batchSize,
                maximumBatchingWindowInSeconds,
                filterCriteria,
                functionResponseTypes,
                maximumConcurrency,
                startingPosition,
                startingPositionTimestamp,
                parallelizationFactor,
                maximumRecordAgeInSeconds,
                bisectBatchOnFunctionError,
                maximumRetryAttempts,
                tumblingWindowInSeconds,
                onFailureDestination,
                tags,
                newState,
                stateTransitionReason,
                modified,
                result);
    }
}
