package io.tributary.connectors.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * For {@link SqsAdmin}: compares an existing queue's attributes with the declared ones and warns about the
 * differences; the queue is left as it is. Logs under {@link SqsAdmin}'s logger, where these lines always were.
 */
final class QueueAttributeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SqsAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsConnector connector;
    private final SqsAsyncClient client;

    QueueAttributeCheck(SqsConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.client = connector.client();
    }

    void warnIfDifferent(String queueName, String url, Map<String, String> declared) {
        if (declared.isEmpty()) {
            LOG.debug("SQS queue {} exists already ({})", queueName, url);
            return;
        }
        Map<String, String> actual = connector
                .await(
                        client.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(declared.keySet())),
                        "GetQueueAttributes",
                        connector.queueArn(queueName))
                .attributesAsStrings();
        List<String> differences = new ArrayList<>();
        declared.forEach((name, value) -> {
            String current = actual.get(name);
            if (!sameValue(value, current)) {
                differences.add(name + " is " + current + ", declared " + value);
            }
        });
        if (differences.isEmpty()) {
            LOG.debug("SQS queue {} exists already ({}) with the declared attributes", queueName, url);
        } else {
            LOG.warn(
                    "SQS queue {} exists already ({}) and is left unchanged, but its attributes differ from the"
                            + " config file: {}",
                    queueName,
                    url,
                    String.join("; ", differences));
        }
    }

    /** Compares attribute values, JSON ones (RedrivePolicy, RedriveAllowPolicy) as JSON with numbers as text. */
    static boolean sameValue(String declared, String actual) {
        if (Objects.equals(declared, actual)) {
            return true;
        }
        if (declared == null || actual == null) {
            return false;
        }
        if (declared.strip().startsWith("{") && actual.strip().startsWith("{")) {
            try {
                return normalize(JSON.readTree(declared)).equals(normalize(JSON.readTree(actual)));
            } catch (Exception e) {
                return false;
            }
        }
        return declared.strip().equalsIgnoreCase(actual.strip());
    }

    private static Map<String, String> normalize(JsonNode node) {
        Map<String, String> fields = new HashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }
}
