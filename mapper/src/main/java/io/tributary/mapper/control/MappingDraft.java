package io.tributary.mapper.control;

import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.SourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A mapping being assembled by Create or Update: the source's defaults (or the stored mapping) with the request's
 * members laid over them. Mutable and confined to one call; {@link #toMapping} makes the validated record.
 */
final class MappingDraft {
    String uuid;
    String functionArn;
    String eventSourceArn;
    SourceKind sourceKind;
    int batchSize;
    int maximumBatchingWindowInSeconds;
    List<String> filterCriteria;
    List<String> functionResponseTypes = List.of();
    Integer maximumConcurrency;
    String startingPosition;
    Instant startingPositionTimestamp;
    Integer parallelizationFactor;
    Integer maximumRecordAgeInSeconds;
    Boolean bisectBatchOnFunctionError;
    Integer maximumRetryAttempts;
    Integer tumblingWindowInSeconds;
    String onFailureDestination;
    Map<String, String> tags = Map.of();
    boolean enabled = true;
    String stateTransitionReason;
    Instant lastModified;
    String lastProcessingResult;

    static MappingDraft of(EventSourceMapping m) {
        MappingDraft d = new MappingDraft();
        d.uuid = m.uuid();
        d.functionArn = m.functionArn();
        d.eventSourceArn = m.eventSourceArn();
        d.sourceKind = m.sourceKind();
        d.batchSize = m.batchSize();
        d.maximumBatchingWindowInSeconds = m.maximumBatchingWindowInSeconds();
        d.filterCriteria = m.filterCriteria();
        d.functionResponseTypes = m.functionResponseTypes();
        d.maximumConcurrency = m.maximumConcurrency();
        d.startingPosition = m.startingPosition();
        d.startingPositionTimestamp = m.startingPositionTimestamp();
        d.parallelizationFactor = m.parallelizationFactor();
        d.maximumRecordAgeInSeconds = m.maximumRecordAgeInSeconds();
        d.bisectBatchOnFunctionError = m.bisectBatchOnFunctionError();
        d.maximumRetryAttempts = m.maximumRetryAttempts();
        d.tumblingWindowInSeconds = m.tumblingWindowInSeconds();
        d.onFailureDestination = m.onFailureDestination();
        d.tags = m.tags();
        d.enabled = m.enabled();
        d.stateTransitionReason = m.stateTransitionReason();
        d.lastModified = m.lastModified();
        d.lastProcessingResult = m.lastProcessingResult();
        return d;
    }

    /**
     * Lays the members the request gives over this draft. Members that do not apply to the source are ignored (AWS's
     * per-source parameter tables list which apply); Create-only members are read only on Create.
     */
    void overlay(MappingRequest r, boolean create) {
        if (r.enabled() != null) {
            enabled = r.enabled();
        }
        if (r.batchSize() != null) {
            batchSize = r.batchSize();
        }
        if (r.maximumBatchingWindowInSeconds() != null) {
            maximumBatchingWindowInSeconds = r.maximumBatchingWindowInSeconds();
        }
        if (r.filterCriteria() != null) {
            // FilterCriteria {} (an empty list) removes the filters [D22].
            filterCriteria = r.filterCriteria().isEmpty() ? null : r.filterCriteria();
        }
        if (r.functionResponseTypes() != null) {
            functionResponseTypes = r.functionResponseTypes();
        }
        if (sourceKind == SourceKind.SQS && r.maximumConcurrency() != null) {
            maximumConcurrency = r.maximumConcurrency();
        }
        if (isStream(sourceKind)) {
            overlayStream(r, create);
        }
        if (create && r.tags() != null) {
            tags = r.tags();
        }
    }

    private void overlayStream(MappingRequest r, boolean create) {
        if (create) {
            startingPosition = r.startingPosition();
            startingPositionTimestamp =
                    "AT_TIMESTAMP".equals(r.startingPosition()) ? r.startingPositionTimestamp() : null;
        }
        if (r.parallelizationFactor() != null) {
            parallelizationFactor = r.parallelizationFactor();
        }
        if (r.maximumRecordAgeInSeconds() != null) {
            maximumRecordAgeInSeconds = r.maximumRecordAgeInSeconds();
        }
        if (r.bisectBatchOnFunctionError() != null) {
            bisectBatchOnFunctionError = r.bisectBatchOnFunctionError();
        }
        if (r.maximumRetryAttempts() != null) {
            maximumRetryAttempts = r.maximumRetryAttempts();
        }
        if (r.tumblingWindowInSeconds() != null) {
            tumblingWindowInSeconds = r.tumblingWindowInSeconds();
        }
        if (r.onFailureDestination() != null) {
            // An empty OnFailure ({} or Destination "") removes the destination.
            onFailureDestination = r.onFailureDestination().isEmpty() ? null : r.onFailureDestination();
        }
    }

    static boolean isStream(SourceKind kind) {
        return kind == SourceKind.KINESIS || kind == SourceKind.DYNAMODB;
    }

    /** The mapping with its settled state ({@code Enabled} or {@code Disabled}): what the store keeps. */
    EventSourceMapping toMapping() {
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
                enabled ? MappingState.Enabled : MappingState.Disabled,
                stateTransitionReason,
                lastModified,
                lastProcessingResult);
    }
}
