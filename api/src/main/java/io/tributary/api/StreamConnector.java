package io.tributary.api;

/**
 * Finds and opens streams by ARN: Kinesis data streams (and DynamoDB Streams). Implemented per stream service by the
 * connectors module; the mapper asks it whether a stream exists when a mapping is created and opens a
 * {@link StreamSource} when a mapping starts.
 *
 * <p>Thread-safe. {@link #exists} may block briefly (it is called from the control plane and at mapping start, never
 * on a reader thread).
 */
public interface StreamConnector {

    /** Whether this connector serves the ARN (e.g. {@code arn:aws:kinesis:…:stream/…}). */
    boolean serves(String streamArn);

    /**
     * Whether the stream exists (Kinesis: DescribeStreamSummary answers; {@code ResourceNotFoundException} = no).
     *
     * @throws SourceException when the service cannot be reached or refuses the call for another reason
     */
    boolean exists(String streamArn);

    /**
     * Opens a source on the stream. Cheap: no call is made until the mapper asks for shards or records. The source
     * shares the connector's clients, so closing it closes nothing the connector still needs.
     */
    StreamSource open(String streamArn);
}
