package io.tributary.connectors.destination;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureDestinations;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The on-failure destinations Tributary can publish to: SQS queues ({@code arn:aws:sqs:<region>:<account>:<name>})
 * through the configured SQS endpoint. SNS topics and S3 buckets are not served yet (their ARNs resolve to nothing,
 * and the mapping reports why it cannot start).
 *
 * <p>Thread-safe. Owns its SQS client when it built it ({@link #sqs(URI, String, String, String, String)}).
 */
public final class ConfiguredOnFailureDestinations implements OnFailureDestinations, AutoCloseable {
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):(.+)");

    private final SqsAsyncClient sqs;
    private final String accountId;
    private final boolean ownsClient;

    /**
     * Destinations on a shared SQS client, which this does not close.
     *
     * @param accountId the account the client's caller is in: GetQueueUrl names another owner only for other accounts
     */
    public ConfiguredOnFailureDestinations(SqsAsyncClient sqs, String accountId) {
        this(sqs, accountId, false);
    }

    private ConfiguredOnFailureDestinations(SqsAsyncClient sqs, String accountId, boolean ownsClient) {
        this.sqs = sqs;
        this.accountId = accountId;
        this.ownsClient = ownsClient;
    }

    /**
     * Destinations with their own SQS client.
     *
     * @param endpoint the SQS endpoint, or {@code null} for AWS's endpoint of the region
     * @param accessKeyId static credentials, or {@code null} for the AWS SDK's default chain
     */
    public static ConfiguredOnFailureDestinations sqs(
            URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(
                        accessKeyId == null
                                ? DefaultCredentialsProvider.builder().build()
                                : StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(100));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return new ConfiguredOnFailureDestinations(builder.build(), accountId, true);
    }

    @Override
    public Optional<OnFailureDestination> find(String destinationArn) {
        if (destinationArn == null) {
            return Optional.empty();
        }
        Matcher sqsArn = SQS_ARN.matcher(destinationArn);
        if (sqsArn.matches() && sqs != null) {
            String owner = sqsArn.group(2).equals(accountId) ? null : sqsArn.group(2);
            return Optional.of(new SqsOnFailureDestination(
                    sqs, new SqsOnFailureDestination.SqsQueue(destinationArn, sqsArn.group(3), owner)));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (ownsClient) {
            sqs.close();
        }
    }
}
