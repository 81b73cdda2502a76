package io.tributary.connectors.sqs;

import static io.tributary.connectors.ErrorMessages.sourceException;
import static io.tributary.connectors.ErrorMessages.unwrap;

import io.tributary.api.SourceException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Turns AWS SDK failures into {@link SourceException}s whose message says what failed, where and why. */
final class SqsErrors {

    /** Error codes SQS uses for a missing queue: the Query protocol's and the JSON protocol's. */
    private static final Set<String> NO_SUCH_QUEUE =
            Set.of("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist");

    private SqsErrors() {}

    /** Whether SQS answered that the queue does not exist. */
    static boolean isQueueMissing(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof QueueDoesNotExistException) {
            return true;
        }
        return cause instanceof AwsServiceException e
                && e.awsErrorDetails() != null
                && NO_SUCH_QUEUE.contains(e.awsErrorDetails().errorCode());
    }

    /** The AWS error code of a service error, or null for client-side failures. */
    static String errorCode(Throwable t) {
        return unwrap(t) instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorCode()
                : null;
    }

    /**
     * A {@link SourceException} for {@code action} (e.g. {@code ReceiveMessage}) on {@code queue} that failed with
     * {@code t}: the AWS error code and message when SQS answered, or that the endpoint could not be reached.
     */
    static SourceException toSourceException(String action, String queue, SqsSettings settings, Throwable t) {
        String where = "SQS " + action + " on queue " + queue;
        if (isQueueMissing(t)) {
            return new SourceException(
                    where + " failed: the queue does not exist (" + errorCode(t) + ") at "
                            + settings.endpointDescription(),
                    unwrap(t));
        }
        return sourceException(where, "SQS", settings.endpointDescription(), t);
    }
}
