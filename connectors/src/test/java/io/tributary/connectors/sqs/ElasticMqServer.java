package io.tributary.connectors.sqs;

import io.tributary.connectors.testing.LocalPorts;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.FutureConverters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * An in-process ElasticMQ on a free port of 127.0.0.1, with region and account set so queue ARNs are real-looking
 * ({@code arn:aws:sqs:us-east-1:000000000000:<name>}). Shared with other modules through the connectors test-jar.
 *
 * <pre>{@code
 * try (var sqs = ElasticMqServer.start(); var connector = new SqsConnector(sqs.settings())) { ... }
 * }</pre>
 */
public final class ElasticMqServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server (~1 s); retries with another port if the free port was taken meanwhile. */
    public static ElasticMqServer start() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = LocalPorts.free();
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            try {
                server.waitUntilStarted();
                return new ElasticMqServer(server, port);
            } catch (RuntimeException e) {
                last = e;
                server.stopAndWait();
            }
        }
        throw new IllegalStateException("ElasticMQ did not start", last);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Settings for a connector on this server, with static test credentials. */
    /** An SDK client builder for this server (region, endpoint, test keys); add interceptors before building. */
    public SqsAsyncClientBuilder clientBuilder() {
        return SqsAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    public SqsSettings settings() {
        return SqsSettings.local(endpoint(), REGION, ACCOUNT_ID);
    }

    /** The ARN ElasticMQ gives the queue named {@code queueName}. */
    public String queueArn(String queueName) {
        return settings().queueArn(queueName);
    }

    /**
     * Stops the server at once. {@code stopAndWait()} alone gives requests in flight up to a minute, and ElasticMQ keeps
     * a long poll running after its client gave up on it (a stopped Tributary cancels its polls), so it waited up to
     * 20 s for them; the binding is terminated first with a short deadline (as {@code EmbeddedSqs} does).
     */
    public void stop() {
        try {
            FutureConverters.asJava(
                            server.waitUntilStarted().terminate(FiniteDuration.create(200, TimeUnit.MILLISECONDS)))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopAndWait below still stops it
        }
        server.stopAndWait();
    }

    @Override
    public void close() {
        stop();
    }
}
