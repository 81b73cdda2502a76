package io.tributary.connectors.sqs;

import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom the SQS connector talks to SQS.
 *
 * @param endpoint the SQS endpoint, e.g. {@code http://127.0.0.1:9324} for ElasticMQ; {@code null} means AWS's
 *     default endpoint for {@code region}
 * @param region the region the queues live in; also the {@code awsRegion} of every record
 * @param accountId the account the queues belong to (used to build queue ARNs from queue names)
 * @param accessKeyId static credentials; {@code null} means the AWS SDK's default credential chain
 * @param secretAccessKey the secret for {@code accessKeyId}; required exactly when {@code accessKeyId} is given
 */
public record SqsSettings(URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {

    public SqsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits: " + accountId);
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey must be given together");
        }
    }

    /** Settings with static credentials, as used against a local server such as ElasticMQ. */
    public static SqsSettings local(URI endpoint, String region, String accountId) {
        return new SqsSettings(endpoint, region, accountId, "test", "test");
    }

    /** The ARN of the queue named {@code queueName} in this region and account. */
    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /** Where requests go, for messages: the endpoint, or AWS's default endpoint for the region. */
    String endpointDescription() {
        return endpoint != null ? endpoint.toString() : "the AWS SQS endpoint of " + region;
    }
}
