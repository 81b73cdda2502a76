package io.tributary.connectors.destination;

import io.tributary.api.SourceException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Turns a destination service's failure into the {@link SourceException} the engine logs before it publishes the
 * on-failure record again (the shard waits meanwhile).
 */
final class DestinationErrors {
    private DestinationErrors() {}

    /**
     * @param what what failed, e.g. {@code publishing the on-failure record to SNS topic <arn> failed}
     * @return {@code what} with AWS's error code and message when the service answered, else the failure's message
     */
    static SourceException failed(String what, Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            return new SourceException(
                    what + " with " + e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage(),
                    e);
        }
        return new SourceException(what + ": " + cause.getMessage(), cause);
    }
}
