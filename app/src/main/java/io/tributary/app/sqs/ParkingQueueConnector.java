package io.tributary.app.sqs;

import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQS connector for queues of the embedded server: describes queues as the SQS connector does, and opens
 * {@link ParkingQueueSource}s, so idle mappings wait in process instead of long-polling. Only for the embedded server:
 * a remote SQS endpoint keeps plain long polling, since nothing tells Tributary when a message arrives there.
 */
public final class ParkingQueueConnector implements QueueConnector {

    private final QueueConnector sqs;
    private final EmbeddedSqs server;

    /**
     * @param sqs the SQS connector talking to {@code server}
     * @param server the embedded server whose queue changes wake parked mappings
     */
    public ParkingQueueConnector(QueueConnector sqs, EmbeddedSqs server) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public boolean serves(String eventSourceArn) {
        return sqs.serves(eventSourceArn);
    }

    @Override
    public Optional<QueueDescription> describe(String queueArn) {
        return sqs.describe(queueArn);
    }

    @Override
    public QueueSource open(QueueDescription queue) {
        return new ParkingQueueSource(sqs.open(queue), queueName(queue.arn()), server::whenReceivable);
    }

    /** The last part of {@code arn:aws:sqs:<region>:<account>:<name>}: the embedded server knows queues by name. */
    static String queueName(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
