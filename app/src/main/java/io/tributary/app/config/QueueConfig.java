package io.tributary.app.config;

import java.util.Map;
import java.util.Objects;

/**
 * A queue of {@code Sqs.Queues}, created at start when missing.
 *
 * @param queueName {@code QueueName}
 * @param attributes the SQS {@code CreateQueue} attributes (e.g. {@code VisibilityTimeout} → {@code "30"},
 *     {@code RedrivePolicy} → its JSON), as SQS takes them: all values are strings
 */
public record QueueConfig(String queueName, Map<String, String> attributes) {
    public QueueConfig {
        Objects.requireNonNull(queueName, "queueName");
        attributes = Map.copyOf(attributes);
    }

    public boolean fifo() {
        return queueName.endsWith(".fifo");
    }
}
