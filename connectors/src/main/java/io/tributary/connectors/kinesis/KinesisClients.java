package io.tributary.connectors.kinesis;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

/** Builds the one {@link KinesisAsyncClient} a connector shares between all its streams. */
final class KinesisClients {

    /**
     * The AWS SDK speaks CBOR to Kinesis by default; kinesalite (and other local Kinesis servers) only speak JSON.
     * AWS accepts JSON as well, so the connector switches CBOR off unless the user decided otherwise. Only the system
     * property works (the environment variable {@code CBOR_ENABLED} is read too late for some SDK versions).
     */
    static final String CBOR_PROPERTY = "aws.cborEnabled";

    /** One reader per shard and mapping, plus shard listings: generous, Netty opens connections lazily. */
    static final int MAX_CONNECTIONS = 1_000;

    private KinesisClients() {}

    /**
     * The Netty threads of a client, owned by its connector rather than by the SDK: the SDK shuts the threads it owns
     * down with a 2 s quiet period, which made every stop of Tributary 2 s longer; the connector ends them without one
     * once the client is closed (see {@link KinesisConnector#close()}).
     */
    static SdkEventLoopGroup eventLoops() {
        return SdkEventLoopGroup.builder().build();
    }

    static KinesisAsyncClient create(KinesisSettings settings, SdkEventLoopGroup eventLoops) {
        if (System.getProperty(CBOR_PROPERTY) == null) {
            System.setProperty(CBOR_PROPERTY, "false");
        }
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                // The engine backs off and reopens an iterator itself (StreamSource contract): SDK retries would
                // only hide failures and delay them by the SDK's backoff.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoops)
                        // The Kinesis client defaults to HTTP/2 (for SubscribeToShard); plain-http local servers
                        // and every polling call work over HTTP/1.1.
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                        .connectionTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(60))
                        .tcpKeepAlive(true));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(KinesisSettings settings) {
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
