package io.tributary.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code Sqs.Queues}. A queue's SQS attributes go under {@code Attributes} (as in the SQS CreateQueue API) or
 * directly beside {@code QueueName} (as in CloudFormation's {@code AWS::SQS::Queue}, so a template's properties can be
 * pasted); a {@code RedrivePolicy} may be its JSON text or the same structure in YAML. Values are checked against
 * SQS's limits: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
final class QueueParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,80}|[a-zA-Z0-9_-]{1,75}\\.fifo");

    /** Whole-number attributes and their ranges. */
    private static final Map<String, long[]> NUMBERS = Map.of(
            "DelaySeconds", new long[] {0, 900},
            "MaximumMessageSize", new long[] {1024, 1048576},
            "MessageRetentionPeriod", new long[] {60, 1209600},
            "ReceiveMessageWaitTimeSeconds", new long[] {0, 20},
            "VisibilityTimeout", new long[] {0, 43200},
            "KmsDataKeyReusePeriodSeconds", new long[] {60, 86400});

    private static final Set<String> BOOLEANS =
            Set.of("FifoQueue", "ContentBasedDeduplication", "SqsManagedSseEnabled");
    private static final Set<String> TEXTS = Set.of("KmsMasterKeyId", "DeduplicationScope", "FifoThroughputLimit");
    private static final Set<String> JSON_TEXTS = Set.of("Policy", "RedrivePolicy", "RedriveAllowPolicy");

    List<QueueConfig> queues(ConfigNode node) {
        Set<String> attributeNames = new HashSet<>();
        attributeNames.addAll(NUMBERS.keySet());
        attributeNames.addAll(BOOLEANS);
        attributeNames.addAll(TEXTS);
        attributeNames.addAll(JSON_TEXTS);
        Set<String> queueKeys = new HashSet<>(attributeNames);
        queueKeys.add("QueueName");
        queueKeys.add("Attributes");

        List<QueueConfig> queues = new ArrayList<>();
        Map<String, String> declaredAt = new HashMap<>();
        for (ConfigNode item : node.items()) {
            item.requireMapping(queueKeys);
            ConfigNode nameNode = item.get("QueueName");
            String name = nameNode.requiredString(
                    QUEUE_NAME, "1 to 80 letters, digits, hyphens or underscores (FIFO queues end with .fifo)");
            String earlier = declaredAt.putIfAbsent(name, item.path());
            if (earlier != null) {
                throw nameNode.error("duplicate queue name \"" + name + "\" (also at " + earlier + ")");
            }
            Map<String, ConfigNode> given = new LinkedHashMap<>();
            item.get("Attributes")
                    .requireMappingIfPresent(attributeNames)
                    .entries()
                    .forEach(given::put);
            for (String key : attributeNames) {
                ConfigNode flat = item.get(key);
                if (flat.present() && given.put(key, flat) != null) {
                    throw flat.error("is also given under Attributes: keep one of them");
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            given.forEach((key, value) -> attributes.put(key, attribute(key, value)));
            checkFifo(item, name, attributes);
            queues.add(new QueueConfig(name, attributes));
        }
        return queues;
    }

    private static String attribute(String key, ConfigNode value) {
        if (NUMBERS.containsKey(key)) {
            long[] range = NUMBERS.get(key);
            return value.integer(range[0], range[1])
                    .orElseThrow(() -> value.error("has no value"))
                    .toString();
        }
        if (BOOLEANS.contains(key)) {
            return value.bool().orElseThrow(() -> value.error("has no value")).toString();
        }
        if (key.equals("RedrivePolicy")) {
            return redrivePolicy(value);
        }
        if (JSON_TEXTS.contains(key)) {
            return value.jsonText().orElseThrow(() -> value.error("has no value"));
        }
        return value.requiredString();
    }

    /** {@code {"deadLetterTargetArn": "arn:aws:sqs:…", "maxReceiveCount": 1..1000}}. */
    private static String redrivePolicy(ConfigNode value) {
        String text = value.jsonText().orElseThrow(() -> value.error("has no value"));
        JsonNode policy;
        try {
            policy = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw value.error("must be JSON such as {\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:"
                    + "my-dlq\",\"maxReceiveCount\":\"3\"}: "
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker.*$", ""));
        }
        JsonNode target = policy.path("deadLetterTargetArn");
        if (!target.isTextual() || !target.asText().startsWith("arn:aws:sqs:")) {
            throw value.error("needs deadLetterTargetArn, the ARN of the dead-letter queue (arn:aws:sqs:...)");
        }
        String count = policy.path("maxReceiveCount").asText();
        if (!count.matches("\\d{1,4}") || Integer.parseInt(count) < 1 || Integer.parseInt(count) > 1000) {
            throw value.error("needs maxReceiveCount, a whole number from 1 to 1000");
        }
        return text;
    }

    private static void checkFifo(ConfigNode item, String name, Map<String, String> attributes) {
        boolean fifo = "true".equals(attributes.get("FifoQueue"));
        if (name.endsWith(".fifo") && !fifo) {
            throw item.get("QueueName").error("ends with .fifo, so the queue needs FifoQueue: true");
        }
        if (fifo && !name.endsWith(".fifo")) {
            throw item.get("QueueName").error("must end with .fifo, because FifoQueue is true");
        }
    }
}
