package io.tributary.app.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingService;
import io.tributary.mapper.SourceKind;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes AWS's {@code EventSourceMappingConfiguration} (spec §1.3): AWS member names, unset members left out (SDKs
 * treat absent and null alike), timestamps as epoch seconds with a millisecond fraction.
 */
final class MappingJsonWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private MappingJsonWriter() {}

    static ObjectNode configuration(EventSourceMapping m) {
        ObjectNode o = NODES.objectNode();
        o.put("UUID", m.uuid());
        if (m.startingPosition() != null) {
            o.put("StartingPosition", m.startingPosition());
        }
        if (m.startingPositionTimestamp() != null) {
            o.put("StartingPositionTimestamp", epochSeconds(m.startingPositionTimestamp()));
        }
        o.put("BatchSize", m.batchSize());
        o.put("MaximumBatchingWindowInSeconds", m.maximumBatchingWindowInSeconds());
        putIfSet(o, "ParallelizationFactor", m.parallelizationFactor());
        o.put("EventSourceArn", m.eventSourceArn());
        if (m.filterCriteria() != null) {
            ArrayNode filters = o.putObject("FilterCriteria").putArray("Filters");
            m.filterCriteria().forEach(p -> filters.addObject().put("Pattern", p));
        }
        o.put("FunctionArn", m.functionArn());
        o.put("LastModified", epochSeconds(m.lastModified()));
        if (m.lastProcessingResult() != null) {
            o.put("LastProcessingResult", m.lastProcessingResult());
        }
        o.put("State", m.state().name());
        if (m.stateTransitionReason() != null) {
            o.put("StateTransitionReason", m.stateTransitionReason());
        }
        if (m.sourceKind() == SourceKind.KINESIS || m.sourceKind() == SourceKind.DYNAMODB) {
            // Streams always report DestinationConfig, {"OnFailure":{}} when no destination is set [R].
            ObjectNode onFailure = o.putObject("DestinationConfig").putObject("OnFailure");
            if (m.onFailureDestination() != null) {
                onFailure.put("Destination", m.onFailureDestination());
            }
        }
        putIfSet(o, "MaximumRecordAgeInSeconds", m.maximumRecordAgeInSeconds());
        if (m.bisectBatchOnFunctionError() != null) {
            o.put("BisectBatchOnFunctionError", m.bisectBatchOnFunctionError());
        }
        putIfSet(o, "MaximumRetryAttempts", m.maximumRetryAttempts());
        putIfSet(o, "TumblingWindowInSeconds", m.tumblingWindowInSeconds());
        ArrayNode types = o.putArray("FunctionResponseTypes");
        m.functionResponseTypes().forEach(types::add);
        if (m.maximumConcurrency() != null) {
            o.putObject("ScalingConfig").put("MaximumConcurrency", m.maximumConcurrency());
        }
        o.put("EventSourceMappingArn", eventSourceMappingArn(m));
        return o;
    }

    static ObjectNode page(MappingService.Page page) {
        ObjectNode o = NODES.objectNode();
        ArrayNode items = o.putArray("EventSourceMappings");
        page.mappings().forEach(m -> items.add(configuration(m)));
        if (page.nextMarker() != null) {
            o.put("NextMarker", page.nextMarker());
        }
        return o;
    }

    /**
     * {@code arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>}: a mapping lives in its function's region
     * and account, so both are taken from the function ARN.
     */
    static String eventSourceMappingArn(EventSourceMapping m) {
        String[] parts = m.functionArn().split(":", 6);
        String prefix = parts.length >= 5
                ? String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4])
                : "arn:aws:lambda:us-east-1:000000000000";
        return prefix + ":event-source-mapping:" + m.uuid();
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static void putIfSet(ObjectNode o, String name, Integer value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
