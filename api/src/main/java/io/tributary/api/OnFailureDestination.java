package io.tributary.api;

import java.util.concurrent.CompletableFuture;

/**
 * A mapping's {@code DestinationConfig.OnFailure} target: an SQS queue, an SNS topic or an S3 bucket. Implemented by
 * the connectors module.
 *
 * <p>The mapper moves the shard's checkpoint past the discarded records only after {@link #publish} completed
 * normally, so a crash or a failed publish means the records are processed again, never lost.
 *
 * <p>Threading: may be called concurrently (one call per shard at a time) and must not block the caller. Errors: the
 * future completes exceptionally with {@link SourceException} when the target cannot be reached or refuses the
 * record; the mapper keeps the shard blocked, counts {@code DestinationDeliveryFailures} and publishes again after a
 * backoff. Publishing the same record twice is allowed (at-least-once).
 */
public interface OnFailureDestination {

    /** The destination ARN, for logs. */
    String arn();

    /** Sends one on-failure record; completes when the target has accepted it. */
    CompletableFuture<Void> publish(OnFailureRecord record);
}
