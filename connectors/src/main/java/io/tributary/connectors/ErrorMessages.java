package io.tributary.connectors;

import io.tributary.api.SourceException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns an SDK exception chain into one line a user can read, the same way for every source service. */
public final class ErrorMessages {
    private ErrorMessages() {}

    /** The exception's message, followed by its root cause's in parentheses when they differ. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? message : t.getMessage() + " (" + message + ")";
    }

    /** The failure behind CompletableFuture / executor wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * A {@link SourceException} saying that {@code where} (e.g. {@code SQS ReceiveMessage on queue <arn>}) failed with
     * {@code t}: the AWS error code, HTTP status and message when the service answered, or that {@code service} could
     * not be reached at {@code endpointDescription}. A {@link SourceException} inside {@code t} is returned as it is.
     */
    public static SourceException sourceException(
            String where, String service, String endpointDescription, Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof SourceException e) {
            return e;
        }
        if (cause instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            return new SourceException(
                    where + " failed with " + code + " (HTTP " + e.statusCode() + "): " + message, e);
        }
        if (cause instanceof SdkClientException) {
            return new SourceException(
                    where + " failed: cannot reach " + service + " at " + endpointDescription + ": "
                            + rootMessage(cause),
                    cause);
        }
        if (cause instanceof CancellationException) {
            return new SourceException(where + " was cancelled", cause);
        }
        return new SourceException(where + " failed: " + rootMessage(cause), cause);
    }
}
