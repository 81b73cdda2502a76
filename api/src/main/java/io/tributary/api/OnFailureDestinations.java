package io.tributary.api;

import java.util.Optional;

/**
 * Resolves a mapping's {@code DestinationConfig.OnFailure.Destination} ARN (an SQS queue, an SNS topic or an S3
 * bucket) to something that can publish on-failure records. Implemented by the connectors module for the services
 * whose endpoint is configured.
 *
 * <p>Thread-safe; does not call the target (a missing queue shows up as failed publishes, which the mapper retries
 * while the shard waits, as AWS does).
 */
public interface OnFailureDestinations {

    /** No destination service configured: every ARN is unknown. */
    OnFailureDestinations NONE = arn -> Optional.empty();

    /** The destination for the ARN, or empty when no configured service serves it. */
    Optional<OnFailureDestination> find(String destinationArn);
}
