package io.tributary.connectors.sqs;

import java.time.Duration;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/** Builds the one {@link SqsAsyncClient} a connector shares between all its queues. */
final class SqsClients {

    /**
     * Every long poll holds an HTTP/1.1 connection for up to 20 s, so the pool must be as large as the number of polls
     * that may run at once: ~1,000 mappings, several pollers each, plus deletes. The client opens connections lazily, so a
     * high bound costs nothing until it is used.
     */
    static final int MAX_CONNECTIONS = 5_000;

    /**
     * When the pool is full, a request waits for a connection. Long polls free theirs within 20 s, so waiting must be
     * allowed well beyond that (the SDK default of 10 s would fail healthy requests under load).
     */
    static final Duration CONNECTION_ACQUISITION_TIMEOUT = Duration.ofMinutes(2);

    private static final Executor DIRECT = Runnable::run;

    private SqsClients() {}

    /**
     * Loads what every client needs whatever its settings: the AWS CRT native library (unpacked and linked at its first
     * use, ~0.1 s) and the builders' classes. Best effort: building a client reports any failure.
     */
    static void preload() {
        try {
            Class.forName("software.amazon.awssdk.crt.CRT", true, SqsClients.class.getClassLoader());
            AwsCrtAsyncHttpClient.builder();
            SqsAsyncClient.builder();
        } catch (ClassNotFoundException | LinkageError e) {
            // the client's build says what is missing
        }
    }

    static SqsAsyncClient create(SqsSettings settings) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                // The AWS CRT HTTP client (native, non-blocking): ~15 % less CPU per call than the SDK's Netty client
                // in ./tributary bench sqs (docs/benchmarks.md), which is what limits throughput once the cores are
                // busy; like Netty it holds the long polls of ~1,000 idle mappings without a thread each.
                .httpClientBuilder(AwsCrtAsyncHttpClient.builder()
                        .maxConcurrency(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(CONNECTION_ACQUISITION_TIMEOUT)
                        .connectionTimeout(Duration.ofSeconds(5)))
                // Complete the SDK's futures on the HTTP client's thread that read the response instead of handing each
                // one
                // to the SDK's own executor: one thread hop less per call. Safe because nothing chained on these
                // futures blocks: the connector only converts records, and the mapper moves on to its own threads.
                .asyncConfiguration(
                        b -> b.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, DIRECT));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(SqsSettings settings) {
        if (settings.unsigned()) {
            return AnonymousCredentialsProvider.create(); // the SDK sends anonymous requests unsigned
        }
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
