package io.tributary.connectors.sqs;

import io.tributary.connectors.AwsConnectionChecks;
import java.net.URI;

/**
 * Where and as whom the SQS connector talks to SQS.
 *
 * @param endpoint the SQS endpoint, e.g. {@code http://127.0.0.1:9324} for ElasticMQ; {@code null} means AWS's
 *     default endpoint for {@code region}
 * @param region the region the queues live in; also the {@code awsRegion} of every record
 * @param accountId the account the queues belong to (used to build queue ARNs from queue names)
 * @param accessKeyId static credentials; {@code null} means the AWS SDK's default credential chain
 * @param secretAccessKey the secret for {@code accessKeyId}; required exactly when {@code accessKeyId} is given
 * @param unsigned send requests without a SigV4 signature (anonymous credentials), for a local server that checks
 *     none: signing (SHA-256 of the body, an HMAC chain) was ~15 % of the CPU of 1,000 idle mappings long-polling the
 *     embedded server
 */
public record SqsSettings(
        URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey, boolean unsigned) {

    public SqsSettings {
        AwsConnectionChecks.check(region, accountId, accessKeyId, secretAccessKey);
    }

    /** Signed requests, with static credentials or (both {@code null}) the AWS SDK's default credential chain. */
    public SqsSettings(URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {
        this(endpoint, region, accountId, accessKeyId, secretAccessKey, false);
    }

    /**
     * Settings for a local server such as ElasticMQ, which checks no signature: requests go unsigned (the placeholder
     * keys {@code test}/{@code test} are kept for anything that reads them).
     */
    public static SqsSettings local(URI endpoint, String region, String accountId) {
        return new SqsSettings(endpoint, region, accountId, "test", "test", true);
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
