package io.tributary.mapper.testing;

import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** SQS queues that exist because a test said so. */
public final class FakeQueueConnector implements QueueConnector {
    private final Map<String, QueueDescription> queues = new ConcurrentHashMap<>();

    public FakeQueueConnector add(String arn, Duration visibilityTimeout) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        queues.put(
                arn,
                new QueueDescription(
                        arn, "http://127.0.0.1:9324/000000000000/" + name, name.endsWith(".fifo"), visibilityTimeout));
        return this;
    }

    public FakeQueueConnector add(String arn) {
        return add(arn, Duration.ofSeconds(30));
    }

    @Override
    public boolean serves(String eventSourceArn) {
        return eventSourceArn.startsWith("arn:aws:sqs:");
    }

    @Override
    public Optional<QueueDescription> describe(String queueArn) {
        return Optional.ofNullable(queues.get(queueArn));
    }

    @Override
    public QueueSource open(QueueDescription queue) {
        throw new UnsupportedOperationException("control-plane tests do not poll");
    }
}
