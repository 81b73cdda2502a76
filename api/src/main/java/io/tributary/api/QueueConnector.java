package io.tributary.api;

import java.util.Optional;

/** Finds and opens queues by ARN. Implemented per queue service (SQS) by the connectors module. Thread-safe. */
public interface QueueConnector {

    /** Whether this connector serves the ARN (e.g. {@code arn:aws:sqs:…}). */
    boolean serves(String eventSourceArn);

    /**
     * Describes the queue, or empty when it does not exist.
     *
     * @throws SourceException when the service cannot be reached or refuses the call
     */
    Optional<QueueDescription> describe(String queueArn);

    /** Opens a source for polling the described queue. */
    QueueSource open(QueueDescription queue);
}
