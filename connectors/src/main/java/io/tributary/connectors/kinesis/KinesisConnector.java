package io.tributary.connectors.kinesis;

import io.netty.channel.EventLoopGroup;
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
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
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

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final KinesisSettings settings;
    private final KinesisAsyncClient client;
    /** The client's Netty threads when this connector created the client (null for a given client). */
    private final EventLoopGroup eventLoops;

    public KinesisConnector(KinesisSettings settings) {
        this(settings, KinesisClients.eventLoops());
    }

    private KinesisConnector(KinesisSettings settings, SdkEventLoopGroup eventLoops) {
        this(settings, KinesisClients.create(settings, eventLoops), eventLoops.eventLoopGroup());
    }

    /** A connector on a given client; {@link #close()} closes it. */
    KinesisConnector(KinesisSettings settings, KinesisAsyncClient client) {
        this(settings, client, null);
    }

    private KinesisConnector(KinesisSettings settings, KinesisAsyncClient client, EventLoopGroup eventLoops) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.eventLoops = eventLoops;
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

    /**
     * Closes the client, then ends its Netty threads at once (the client is closed, so no task can come any more),
     * instead of the SDK's 2 s quiet period. Sources opened from this connector stop working.
     */
    @Override
    public void close() {
        client.close();
        if (eventLoops != null
                && !eventLoops
                        .shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .awaitUninterruptibly(CLOSE_TIMEOUT.toMillis())) {
            LOG.warn("Kinesis connector threads did not end within {} s", CLOSE_TIMEOUT.toSeconds());
        }
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
