package io.tributary.connectors.sqs;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed SQS queue ARN, {@code arn:<partition>:sqs:<region>:<account>:<queue name>}.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html">SQS resource
 *     types</a>
 */
public record SqsQueueArn(String partition, String region, String accountId, String queueName) {

    // Queue names: 1..80 of [A-Za-z0-9_-], FIFO queues end in ".fifo" (CreateQueue, QueueName).
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-zA-Z-]*):sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,75}(?:\\.fifo)?|[A-Za-z0-9_-]{1,80})");

    public SqsQueueArn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(queueName, "queueName");
    }

    /** Parses {@code arn}, or empty when it is not an SQS queue ARN. */
    public static Optional<SqsQueueArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        var m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SqsQueueArn(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** Whether the queue is a FIFO queue: its name ends with {@code .fifo}. */
    public boolean fifo() {
        return queueName.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":sqs:" + region + ":" + accountId + ":" + queueName;
    }
}
