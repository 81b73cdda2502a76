package io.tributary.app.config;

import io.tributary.api.FunctionConfig;
import io.tributary.mapper.MappingRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code EventSourceMappings}: the properties of CloudFormation's {@code AWS::Lambda::EventSourceMapping}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html).
 * Checked here: types, the ranges of the CreateEventSourceMapping API model, and that the function is declared. The
 * rules that depend on the kind of source (e.g. SQS's batch size without a batching window) are the mapping
 * service's, which reports them with AWS's messages when the mapping is created.
 */
final class MappingParser {
    private static final Set<String> KEYS = Set.of(
            "FunctionName",
            "EventSourceArn",
            "Enabled",
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "FilterCriteria",
            "FunctionResponseTypes",
            "ScalingConfig",
            "StartingPosition",
            "StartingPositionTimestamp",
            "ParallelizationFactor",
            "MaximumRecordAgeInSeconds",
            "BisectBatchOnFunctionError",
            "MaximumRetryAttempts",
            "TumblingWindowInSeconds",
            "DestinationConfig",
            "Tags");
    private static final Map<String, String> UNSUPPORTED = Set.of(
                    "Topics",
                    "Queues",
                    "SourceAccessConfigurations",
                    "SelfManagedEventSource",
                    "AmazonManagedKafkaEventSourceConfig",
                    "SelfManagedKafkaEventSourceConfig",
                    "DocumentDBEventSourceConfig",
                    "KmsKeyArn",
                    "MetricsConfig",
                    "ProvisionedPollerConfig",
                    "LoggingConfig")
            .stream()
            .collect(Collectors.toMap(k -> k, k -> "is a CloudFormation property Tributary does not support yet"));

    /** A function reference as Lambda takes it: name, full or partial ARN, optionally qualified. */
    private static final Pattern FUNCTION_REFERENCE = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):(\\d{12}):function:|(\\d{12}):function:)?"
                    + "([a-zA-Z0-9_-]{1,64})(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");

    private static final Pattern SOURCE_ARN =
            Pattern.compile("arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\\d)?:(\\d{12})?:(.*)");
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws:sqs:([^:]*):([^:]*):(.+)");

    private final String region;
    private final String accountId;
    private final boolean embeddedSqs;
    private final Set<String> functionNames;

    MappingParser(String region, String accountId, boolean embeddedSqs, List<FunctionConfig> functions) {
        this.region = region;
        this.accountId = accountId;
        this.embeddedSqs = embeddedSqs;
        this.functionNames = functions.stream().map(FunctionConfig::name).collect(Collectors.toSet());
    }

    List<MappingRequest> mappings(ConfigNode node) {
        List<MappingRequest> mappings = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            item.requireMapping(KEYS, UNSUPPORTED);
            ConfigNode destination =
                    item.get("DestinationConfig").requireMappingIfPresent(Set.of("OnFailure", "OnSuccess"));
            mappings.add(new MappingRequest(
                    functionName(item.get("FunctionName")),
                    eventSourceArn(item.get("EventSourceArn")),
                    item.get("Enabled").bool().orElse(null),
                    item.get("BatchSize").integer(1, 10000).orElse(null),
                    item.get("MaximumBatchingWindowInSeconds").integer(0, 300).orElse(null),
                    filterCriteria(item.get("FilterCriteria")),
                    functionResponseTypes(item.get("FunctionResponseTypes")),
                    item.get("ScalingConfig")
                            .requireMappingIfPresent(Set.of("MaximumConcurrency"))
                            .get("MaximumConcurrency")
                            .integer(2, 1000)
                            .orElse(null),
                    startingPosition(item.get("StartingPosition")),
                    timestamp(item.get("StartingPositionTimestamp")),
                    item.get("ParallelizationFactor").integer(1, 10).orElse(null),
                    item.get("MaximumRecordAgeInSeconds").integer(-1, 604800).orElse(null),
                    item.get("BisectBatchOnFunctionError").bool().orElse(null),
                    item.get("MaximumRetryAttempts").integer(-1, 10000).orElse(null),
                    item.get("TumblingWindowInSeconds").integer(0, 900).orElse(null),
                    destination(destination.get("OnFailure")),
                    destination(destination.get("OnSuccess")),
                    tags(item.get("Tags"))));
        }
        return mappings;
    }

    private String functionName(ConfigNode node) {
        String reference = node.requiredString();
        Matcher m = FUNCTION_REFERENCE.matcher(reference);
        if (!m.matches()) {
            throw node.error("must be a function name or ARN, got \"" + reference + "\"");
        }
        String arnRegion = m.group(1);
        String arnAccount = m.group(2) != null ? m.group(2) : m.group(3);
        if ((arnRegion != null && !arnRegion.equals(region)) || (arnAccount != null && !arnAccount.equals(accountId))) {
            throw node.error("names a function in " + (arnRegion != null ? arnRegion : region) + " / account "
                    + arnAccount + ", but this file's Region is " + region + " and AccountId " + accountId);
        }
        String name = m.group(4);
        if (!functionNames.contains(name)) {
            throw node.error("names function \"" + name + "\", which is not declared under Functions"
                    + (functionNames.isEmpty()
                            ? " (there are none)"
                            : " (declared: " + functionNames.stream().sorted().collect(Collectors.joining(", "))
                                    + ")"));
        }
        return reference;
    }

    private String eventSourceArn(ConfigNode node) {
        String arn = node.requiredString(SOURCE_ARN, "an ARN such as arn:aws:sqs:us-east-1:000000000000:my-queue");
        Matcher sqs = SQS_ARN.matcher(arn);
        if (embeddedSqs
                && sqs.matches()
                && (!sqs.group(1).equals(region) || !sqs.group(2).equals(accountId))) {
            throw node.error("names a queue in " + sqs.group(1) + " / account " + sqs.group(2)
                    + ", but the embedded SQS server serves Region " + region + " and AccountId " + accountId
                    + " only: use " + "arn:aws:sqs:" + region + ":" + accountId + ":" + sqs.group(3));
        }
        return arn;
    }

    private static List<String> filterCriteria(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        node.requireMapping(Set.of("Filters"));
        List<String> patterns = new ArrayList<>();
        for (ConfigNode filter : node.get("Filters").items()) {
            filter.requireMapping(Set.of("Pattern"));
            ConfigNode pattern = filter.get("Pattern");
            patterns.add(pattern.jsonText().orElseThrow(() -> pattern.error("is required")));
        }
        return patterns;
    }

    private static List<String> functionResponseTypes(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            String type = item.requiredString();
            if (!type.equals("ReportBatchItemFailures")) {
                throw item.error("must be ReportBatchItemFailures (the only response type), got \"" + type + "\"");
            }
            types.add(type);
        }
        return types;
    }

    private static String startingPosition(ConfigNode node) {
        Optional<String> position = node.string();
        if (position.isPresent()
                && !Set.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP").contains(position.get())) {
            throw node.error("must be TRIM_HORIZON, LATEST or AT_TIMESTAMP, got \"" + position.get() + "\"");
        }
        return position.orElse(null);
    }

    /** CloudFormation takes epoch seconds (a number); an ISO-8601 instant is accepted too. */
    private static Instant timestamp(ConfigNode node) {
        Optional<String> text = node.string();
        if (text.isEmpty()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(text.get().trim());
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException notANumber) {
            try {
                return Instant.parse(text.get().trim());
            } catch (DateTimeParseException e) {
                throw node.error("must be epoch seconds (e.g. 1735689600) or an ISO-8601 instant"
                        + " (e.g. 2025-01-01T00:00:00Z), got " + node.describe());
            }
        }
    }

    private static String destination(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        node.requireMapping(Set.of("Destination"));
        return node.get("Destination").requiredString();
    }

    /** CloudFormation's list of {@code {Key, Value}}, or a plain mapping. */
    private static Map<String, String> tags(ConfigNode node) {
        if (!node.present()) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (node.isList()) {
            for (ConfigNode tag : node.items()) {
                tag.requireMapping(Set.of("Key", "Value"));
                tags.put(
                        tag.get("Key").requiredString(),
                        tag.get("Value").string().orElse(""));
            }
        } else {
            node.entries().forEach((key, value) -> tags.put(key, value.string().orElse("")));
        }
        return tags;
    }
}
