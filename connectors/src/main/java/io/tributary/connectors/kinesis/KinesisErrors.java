package io.tributary.connectors.kinesis;

import static io.tributary.connectors.ErrorMessages.sourceException;
import static io.tributary.connectors.ErrorMessages.unwrap;

import io.tributary.api.SourceException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Turns AWS SDK failures into {@link SourceException}s whose message says what failed, where and why. */
final class KinesisErrors {

    private KinesisErrors() {}

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
        return sourceException(
                "Kinesis " + action + " on stream " + stream, "Kinesis", settings.endpointDescription(), t);
    }
}
