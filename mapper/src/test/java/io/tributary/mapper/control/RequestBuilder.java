package io.tributary.mapper.control;

import io.tributary.mapper.MappingRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds {@link MappingRequest}s in tests; unset members stay {@code null} ("not given"). */
final class RequestBuilder {
    private String functionName;
    private String eventSourceArn;
    private Boolean enabled;
    private Integer batchSize;
    private Integer window;
    private List<String> filters;
    private List<String> responseTypes;
    private Integer maximumConcurrency;
    private String startingPosition;
    private Instant startingPositionTimestamp;
    private Integer parallelizationFactor;
    private Integer maximumRecordAge;
    private Boolean bisect;
    private Integer maximumRetryAttempts;
    private Integer tumblingWindow;
    private String onFailure;
    private String onSuccess;
    private Map<String, String> tags;

    static RequestBuilder request(String functionName, String eventSourceArn) {
        RequestBuilder b = new RequestBuilder();
        b.functionName = functionName;
        b.eventSourceArn = eventSourceArn;
        return b;
    }

    static RequestBuilder update() {
        return new RequestBuilder();
    }

    RequestBuilder functionName(String v) {
        functionName = v;
        return this;
    }

    RequestBuilder enabled(boolean v) {
        enabled = v;
        return this;
    }

    RequestBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    RequestBuilder window(int v) {
        window = v;
        return this;
    }

    RequestBuilder filters(String... v) {
        filters = java.util.Arrays.asList(v);
        return this;
    }

    RequestBuilder responseTypes(String... v) {
        responseTypes = List.of(v);
        return this;
    }

    RequestBuilder maximumConcurrency(int v) {
        maximumConcurrency = v;
        return this;
    }

    RequestBuilder startingPosition(String v) {
        startingPosition = v;
        return this;
    }

    RequestBuilder startingPositionTimestamp(Instant v) {
        startingPositionTimestamp = v;
        return this;
    }

    RequestBuilder parallelizationFactor(int v) {
        parallelizationFactor = v;
        return this;
    }

    RequestBuilder maximumRecordAge(int v) {
        maximumRecordAge = v;
        return this;
    }

    RequestBuilder bisect(boolean v) {
        bisect = v;
        return this;
    }

    RequestBuilder maximumRetryAttempts(int v) {
        maximumRetryAttempts = v;
        return this;
    }

    RequestBuilder tumblingWindow(int v) {
        tumblingWindow = v;
        return this;
    }

    RequestBuilder onFailure(String v) {
        onFailure = v;
        return this;
    }

    RequestBuilder onSuccess(String v) {
        onSuccess = v;
        return this;
    }

    RequestBuilder tags(Map<String, String> v) {
        tags = v;
        return this;
    }

    MappingRequest build() {
        return new MappingRequest(
                functionName,
                eventSourceArn,
                enabled,
                batchSize,
                window,
                filters,
                responseTypes,
                maximumConcurrency,
                startingPosition,
                startingPositionTimestamp,
                parallelizationFactor,
                maximumRecordAge,
                bisect,
                maximumRetryAttempts,
                tumblingWindow,
                onFailure,
                onSuccess,
                tags);
    }
}
