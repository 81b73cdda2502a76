package io.tributary.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What the mapper needs to know about a queue before polling it.
 *
 * @param arn the queue ARN
 * @param url the queue URL
 * @param fifo whether it is a FIFO queue (ordered per message group)
 * @param visibilityTimeout the queue's VisibilityTimeout: how long a received message stays hidden
 */
public record QueueDescription(String arn, String url, boolean fifo, Duration visibilityTimeout) {
    public QueueDescription {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    }
}
