package io.tributary.benchmarks.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** SDK clients for the benchmarks' own calls (loading queues, the raw loop), and queue helpers. */
public final class SqsClientsForBench {
    private SqsClientsForBench() {}

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** The SDK's default synchronous client (Apache HTTP client), as a user's own poller would use it. */
    public static SqsClient sync(URI endpoint, int maxConnections) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(SqsServer.REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(maxConnections)
                        .socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    public static SqsAsyncClient async(URI endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(SqsServer.REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
                .build();
    }

    /** Creates a standard queue with a 60 s visibility timeout; returns its URL. */
    public static String createQueue(SqsAsyncClient client, String name) {
        return client.createQueue(r ->
                        r.queueName(name).attributes(java.util.Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")))
                .join()
                .queueUrl();
    }

    /** Sends {@code count} small messages ({@code m-<n>}) with SendMessageBatch, 32 calls in flight. */
    public static void load(SqsAsyncClient client, String queueUrl, int count) {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int from = 0; from < count; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
            for (int i = from; i < Math.min(count, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i - from))
                        .messageBody("m-" + i)
                        .build());
            }
            inFlight.acquireUninterruptibly();
            calls.add(client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
                    .whenComplete((ok, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }

    /** Visible plus in-flight messages, as SQS reports them (approximate, exact on ElasticMQ). */
    public static long remaining(SqsAsyncClient client, String queueUrl) {
        var attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .join()
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
