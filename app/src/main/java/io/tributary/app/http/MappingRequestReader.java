package io.tributary.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON body of CreateEventSourceMapping and UpdateEventSourceMapping (AWS member names, rest-json) into a
 * {@link MappingRequest}, strictly: a body that does not parse, a member of the wrong JSON type or a member the
 * operation does not have is a 400 {@code SerializationException}. A JSON {@code null} reads as "not given", as AWS's
 * deserializer does. Members AWS has but Tributary does not implement (Kafka, MQ, DocumentDB, KMS, metrics, logging,
 * provisioned pollers) are refused with {@code InvalidParameterValueException} rather than silently ignored.
 */
final class MappingRequestReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> CREATE_MEMBERS = Set.of(
            "FunctionName",
            "EventSourceArn",
            "Enabled",
            "BatchSize",
            "FilterCriteria",
            "MaximumBatchingWindowInSeconds",
            "ParallelizationFactor",
            "StartingPosition",
            "StartingPositionTimestamp",
            "DestinationConfig",
            "MaximumRecordAgeInSeconds",
            "BisectBatchOnFunctionError",
            "MaximumRetryAttempts",
            "Tags",
            "TumblingWindowInSeconds",
            "FunctionResponseTypes",
            "ScalingConfig");
    private static final Set<String> UPDATE_MEMBERS = Set.of(
            "FunctionName",
            "Enabled",
            "BatchSize",
            "FilterCriteria",
            "MaximumBatchingWindowInSeconds",
            "DestinationConfig",
            "MaximumRecordAgeInSeconds",
            "BisectBatchOnFunctionError",
            "MaximumRetryAttempts",
            "ParallelizationFactor",
            "TumblingWindowInSeconds",
            "FunctionResponseTypes",
            "ScalingConfig");
    private static final Set<String> UNSUPPORTED_MEMBERS = Set.of(
            "Topics",
            "Queues",
            "SourceAccessConfigurations",
            "SelfManagedEventSource",
            "AmazonManagedKafkaEventSourceConfig",
            "SelfManagedKafkaEventSourceConfig",
            "DocumentDBEventSourceConfig",
            "KMSKeyArn",
            "MetricsConfig",
            "LoggingConfig",
            "ProvisionedPollerConfig");

    private MappingRequestReader() {}

    static MappingRequest create(byte[] body) {
        return read(body, CREATE_MEMBERS);
    }

    static MappingRequest update(byte[] body) {
        return read(body, UPDATE_MEMBERS);
    }

    private static MappingRequest read(byte[] body, Set<String> members) {
        JsonNode root = parse(body);
        Map<String, JsonNode> given = fields(root, members, "");
        JsonNode destination = given.get("DestinationConfig");
        Map<String, JsonNode> destinations =
                destination == null ? Map.of() : fields(destination, Set.of("OnSuccess", "OnFailure"), "");
        JsonNode scaling = given.get("ScalingConfig");
        Map<String, JsonNode> scalingMembers =
                scaling == null ? Map.of() : fields(scaling, Set.of("MaximumConcurrency"), "");
        return new MappingRequest(
                string(given.get("FunctionName")),
                string(given.get("EventSourceArn")),
                bool(given.get("Enabled")),
                integer(given.get("BatchSize")),
                integer(given.get("MaximumBatchingWindowInSeconds")),
                filterCriteria(given.get("FilterCriteria")),
                stringList(given.get("FunctionResponseTypes")),
                integer(scalingMembers.get("MaximumConcurrency")),
                string(given.get("StartingPosition")),
                timestamp(given.get("StartingPositionTimestamp")),
                integer(given.get("ParallelizationFactor")),
                integer(given.get("MaximumRecordAgeInSeconds")),
                bool(given.get("BisectBatchOnFunctionError")),
                integer(given.get("MaximumRetryAttempts")),
                integer(given.get("TumblingWindowInSeconds")),
                destination(destinations.get("OnFailure")),
                destination(destinations.get("OnSuccess")),
                stringMap(given.get("Tags")));
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.serialization("Could not parse request body into json: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.serialization("Could not read request body: " + e.getMessage());
        }
    }

    /** The non-null members of a structure, refusing members the structure does not have. */
    private static Map<String, JsonNode> fields(JsonNode node, Set<String> allowed, String path) {
        expect(node, JsonNodeType.OBJECT, "a Structure");
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue;
            }
            if (allowed.contains(field.getKey())) {
                given.put(field.getKey(), field.getValue());
            } else if (path.isEmpty() && UNSUPPORTED_MEMBERS.contains(field.getKey())) {
                throw EsmException.invalidParameter("Tributary does not support " + field.getKey() + " yet.");
            } else {
                throw ApiException.serialization(
                        "Unknown member " + path + field.getKey() + " (members are case-sensitive; see docs/api.md)");
            }
        }
        return given;
    }

    private static List<String> filterCriteria(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode filters = fields(node, Set.of("Filters"), "FilterCriteria.").get("Filters");
        List<String> patterns = new ArrayList<>();
        if (filters != null) {
            expect(filters, JsonNodeType.ARRAY, "a List");
            for (JsonNode filter : filters) {
                // A filter without a Pattern reaches the mapper as null: "Invalid filter pattern definition."
                patterns.add(string(fields(filter, Set.of("Pattern"), "FilterCriteria.Filters[].")
                        .get("Pattern")));
            }
        }
        return patterns;
    }

    /** {@code {"Destination": "arn"}}; an empty object reads as "" (given, without a destination). */
    private static String destination(JsonNode node) {
        if (node == null) {
            return null;
        }
        String arn =
                string(fields(node, Set.of("Destination"), "DestinationConfig.").get("Destination"));
        return arn == null ? "" : arn;
    }

    private static String string(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        expect(node, JsonNodeType.STRING, "a String");
        return node.textValue();
    }

    private static Integer integer(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw mismatch(node, "an Integer");
        }
        return node.intValue();
    }

    private static Boolean bool(JsonNode node) {
        if (node == null) {
            return null;
        }
        expect(node, JsonNodeType.BOOLEAN, "a Boolean");
        return node.booleanValue();
    }

    /** Rest-json timestamps in bodies are epoch seconds, possibly with a fraction. */
    private static Instant timestamp(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw mismatch(node, "a Timestamp");
        }
        BigDecimal seconds = node.decimalValue();
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        return Instant.ofEpochSecond(
                whole.longValueExact(),
                seconds.subtract(whole).movePointRight(9).intValue());
    }

    private static List<String> stringList(JsonNode node) {
        if (node == null) {
            return null;
        }
        expect(node, JsonNodeType.ARRAY, "a List");
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(string(item)));
        return values;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        if (node == null) {
            return null;
        }
        expect(node, JsonNodeType.OBJECT, "a Map");
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String value = string(e.getValue());
            if (value != null) {
                values.put(e.getKey(), value);
            }
        });
        return values;
    }

    private static void expect(JsonNode node, JsonNodeType type, String expected) {
        if (node.getNodeType() != type) {
            throw mismatch(node, expected);
        }
    }

    /** Worded like AWS's request framework (Coral) words type mismatches. */
    private static ApiException mismatch(JsonNode node, String expected) {
        return switch (node.getNodeType()) {
            case ARRAY -> ApiException.serialization("Start of list found where not expected");
            case OBJECT -> ApiException.serialization("Start of structure or map found where not expected.");
            case STRING -> ApiException.serialization("STRING_VALUE can not be converted to " + expected);
            case NUMBER -> ApiException.serialization("NUMBER_VALUE can not be converted to " + expected);
            case BOOLEAN -> ApiException.serialization(
                    (node.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " can not be converted to " + expected);
            default -> ApiException.serialization(node.getNodeType() + " can not be converted to " + expected);
        };
    }
}
