package io.tributary.connectors.kinesis;

import io.tributary.connectors.AwsConnectionChecks;
import java.net.URI;

/**
 * Where and as whom the Kinesis connector talks to Kinesis.
 *
 * @param endpoint the Kinesis endpoint, e.g. {@code http://127.0.0.1:4567} for kinesalite; {@code null} means AWS's
 *     default endpoint for {@code region}
 * @param region the region the streams live in; also the {@code awsRegion} of every record
 * @param accountId the account of the streams; also the account of the records' {@code invokeIdentityArn}
 * @param accessKeyId static credentials; {@code null} means the AWS SDK's default credential chain
 * @param secretAccessKey the secret for {@code accessKeyId}; required exactly when {@code accessKeyId} is given
 */
public record KinesisSettings(
        URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {

    public KinesisSettings {
        AwsConnectionChecks.check(region, accountId, accessKeyId, secretAccessKey);
    }

    /** Settings with static dummy credentials, as used against a local server such as kinesalite. */
    public static KinesisSettings local(URI endpoint, String region, String accountId) {
        return new KinesisSettings(endpoint, region, accountId, "test", "test");
    }

    /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
    public String streamArn(String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }

    /**
     * The role records name as {@code invokeIdentityArn}. On AWS it is the function's execution role; Tributary runs
     * functions without IAM roles, so every record names the same placeholder role in the configured account.
     */
    public String invokeIdentityArn() {
        return "arn:aws:iam::" + accountId + ":role/tributary";
    }

    /** Where requests go, for messages: the endpoint, or AWS's default endpoint for the region. */
    String endpointDescription() {
        return endpoint != null ? endpoint.toString() : "the AWS Kinesis endpoint of " + region;
    }
}
