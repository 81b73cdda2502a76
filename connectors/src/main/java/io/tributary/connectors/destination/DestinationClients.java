package io.tributary.connectors.destination;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The AWS SDK clients of the destination services, each on its {@link DestinationEndpoint}. */
final class DestinationClients {
    /** Publishes in flight per service; the engine publishes at most one record per shard at a time. */
    private static final int MAX_CONNECTIONS = 100;

    private DestinationClients() {}

    /**
     * Netty threads for the clients, owned by {@link ConfiguredOnFailureDestinations} rather than by the SDK: the SDK
     * shares one group between all clients built without one and shuts it down with a 2 s quiet period when the last
     * of them closes, which made every stop of Tributary 2 s longer.
     */
    static SdkEventLoopGroup eventLoops() {
        return SdkEventLoopGroup.builder().build();
    }

    static SqsAsyncClient sqs(String region, DestinationEndpoint at, SdkEventLoopGroup eventLoops) {
        return build(SqsAsyncClient.builder(), region, at, eventLoops);
    }

    static SnsAsyncClient sns(String region, DestinationEndpoint at, SdkEventLoopGroup eventLoops) {
        return build(SnsAsyncClient.builder(), region, at, eventLoops);
    }

    /**
     * On a configured endpoint, path-style requests ({@code http://host:port/bucket/key}), because S3-compatible
     * servers on 127.0.0.1 have no DNS for virtual-hosted buckets; AWS itself gets its usual virtual-hosted style.
     * No aws-chunked uploads and checksums only where S3 requires them: s3proxy and
     * s3rver otherwise store the chunk framing as part of the object (shared/DEPENDENCIES.md); AWS accepts both.
     */
    static S3AsyncClient s3(String region, DestinationEndpoint at, SdkEventLoopGroup eventLoops) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .forcePathStyle(at.endpoint() != null)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        return build(builder, region, at, eventLoops);
    }

    /** What every destination client has: the region, the keys, the endpoint and a bounded connection pool. */
    private static <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> C build(
            B builder, String region, DestinationEndpoint at, SdkEventLoopGroup eventLoops) {
        builder.region(Region.of(region))
                .credentialsProvider(credentials(at))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoops)
                        .maxConcurrency(MAX_CONNECTIONS));
        at.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(DestinationEndpoint at) {
        return at.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(at.accessKeyId(), at.secretAccessKey()));
    }
}
