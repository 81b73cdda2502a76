package io.tributary.connectors.sqs;

import java.util.Map;
import java.util.Objects;

/**
 * A queue declared in the config file, created at start when missing.
 *
 * @param queueName the queue name; a name ending in {@code .fifo} declares a FIFO queue
 * @param attributes CreateQueue attributes as SQS names them ({@code VisibilityTimeout}, {@code RedrivePolicy},
 *     {@code MessageRetentionPeriod}, …), passed through unchanged
 */
public record QueueSpec(String queueName, Map<String, String> attributes) {
    public QueueSpec {
        Objects.requireNonNull(queueName, "queueName");
        if (queueName.isBlank()) {
            throw new IllegalArgumentException("queueName must not be blank");
        }
        attributes = Map.copyOf(attributes);
    }

    public QueueSpec(String queueName) {
        this(queueName, Map.of());
    }

    public boolean fifo() {
        return queueName.endsWith(".fifo");
    }
}
