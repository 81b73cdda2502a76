package io.tributary.connectors.kinesis;

import static io.tributary.connectors.ErrorMessages.rootMessage;

import io.tributary.api.SourceException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Turns AWS SDK failures into {@link SourceException}s whose message says what failed, where and why. */
final class KinesisErrors {

    private KinesisErrors() {}

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Whether Kinesis answered that the stream (or shard) does not exist. */
    static boolean isNotFound(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof SourceException && cause.getCause() != null) {
            cause = unwrap(cause.getCause());
        }
        return cause instanceof ResourceNotFoundException;
    }

    /**
     * A {@link SourceException} for {@code action} (e.g. {@code GetRecords}) on {@code stream} that failed with
     * {@code t}: the AWS error code and message when Kinesis answered, or that the endpoint could not be reached.
     */
    static SourceException toSourceException(String action, String stream, KinesisSettings settings, Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof SourceException e) {
            return e;
        }
        String where = "Kinesis " + action + " on stream " + stream;
        if (cause instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            return new SourceException(
                    where + " failed with " + code + " (HTTP " + e.statusCode() + "): " + message, e);
        }
        if (cause instanceof SdkClientException) {
            return new SourceException(
                    where + " failed: cannot reach Kinesis at " + settings.endpointDescription() + ": "
                            + rootMessage(cause),
                    cause);
        }
        if (cause instanceof CancellationException) {
            return new SourceException(where + " was cancelled", cause);
        }
        return new SourceException(where + " failed: " + rootMessage(cause), cause);
    }
}
