package io.tributary.mapper.control;

/**
 * Tells {@link MappingManager} whether a Kinesis or DynamoDB stream exists, so that Create can fail like AWS with
 * {@code Stream not found: <arn>}. Registered by the stream connectors; with none registered every stream is unknown.
 *
 * <p>Thread-safe; called on API threads while the manager holds its lock, so it should answer promptly.
 */
public interface StreamLookup {

    /** Whether this lookup knows the service of the ARN (e.g. {@code arn:aws:kinesis:…}). */
    boolean serves(String streamArn);

    /**
     * Whether the stream exists.
     *
     * @throws io.tributary.api.SourceException when the service cannot be reached
     */
    boolean exists(String streamArn);
}
