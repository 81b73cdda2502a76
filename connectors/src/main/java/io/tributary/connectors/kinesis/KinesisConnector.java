package io.tributary.connectors.kinesis;

import io.tributary.api.SourceException;
import io.tributary.api.StreamConnector;
import io.tributary.api.StreamSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * The Kinesis {@link StreamConnector}: tells whether a stream exists (for {@code Stream not found: <arn>}) and opens
 * {@link KinesisStreamSource}s on streams. Owns one {@link KinesisAsyncClient} (Netty, HTTP/1.1, JSON instead of CBOR
 * so local servers such as kinesalite work) that all its sources share; {@link #close()} closes it.
 *
 * <p>Thread-safe.
 */
public final class KinesisConnector implements StreamConnector, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisConnector.class);

    /** Bounds the synchronous {@link #exists} call so a hung endpoint cannot stall the control plane. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final KinesisSettings settings;
    private final KinesisAsyncClient client;

    public KinesisConnector(KinesisSettings settings) {
        this(settings, KinesisClients.create(settings));
    }

    /** A connector on a given client; {@link #close()} closes it. */
    KinesisConnector(KinesisSettings settings, KinesisAsyncClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
    }

    public KinesisSettings settings() {
        return settings;
    }

    /** The client, for tools and tests that write to the same server (PutRecords, CreateStream). */
    public KinesisAsyncClient client() {
        return client;
    }

    @Override
    public boolean serves(String streamArn) {
        return streamArn != null && streamArn.startsWith("arn:aws:kinesis:");
    }

    /**
     * DescribeStreamSummary on the stream's name.
     *
     * @return false when Kinesis answers ResourceNotFoundException
     * @throws SourceException when the ARN is not a stream ARN of this connector's region, the endpoint cannot be
     *     reached or Kinesis refuses the call otherwise
     */
    @Override
    public boolean exists(String streamArn) {
        KinesisStreamArn arn = parse(streamArn);
        CompletableFuture<?> call = client.describeStreamSummary(r -> r.streamName(arn.streamName()));
        try {
            call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new SourceException("interrupted while looking up Kinesis stream " + streamArn, e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new SourceException("Kinesis DescribeStreamSummary on stream " + streamArn + " got no answer from "
                    + settings.endpointDescription() + " within " + CALL_TIMEOUT.toSeconds() + " s");
        } catch (Exception e) {
            if (KinesisErrors.isNotFound(e)) {
                return false;
            }
            throw KinesisErrors.toSourceException("DescribeStreamSummary", streamArn, settings, e);
        }
    }

    /** A source on the stream; it shares this connector's client. */
    @Override
    public StreamSource open(String streamArn) {
        return new KinesisStreamSource(client, settings, parse(streamArn), streamArn);
    }

    /** Closes the client; sources opened from this connector stop working. */
    @Override
    public void close() {
        client.close();
        LOG.debug("Kinesis connector for {} closed", settings.endpointDescription());
    }

    private KinesisStreamArn parse(String streamArn) {
        KinesisStreamArn arn = KinesisStreamArn.parse(streamArn)
                .orElseThrow(() -> new SourceException("not a Kinesis stream ARN: " + streamArn));
        if (!arn.region().equals(settings.region())) {
            throw new SourceException("stream " + streamArn + " is in region " + arn.region()
                    + " but the Kinesis connector is configured for region " + settings.region());
        }
        return arn;
    }
}
