package io.tributary.app.config;

import java.util.Objects;

/**
 * Static AWS keys of a block that talks to an AWS service: {@code AccessKeyId} and {@code SecretAccessKey} of
 * {@code Sqs}, {@code Kinesis}, {@code S3} and {@code Sns}. The parser reads both or neither and names the missing
 * key (e.g. {@code Kinesis.SecretAccessKey: is required when Kinesis.AccessKeyId is set}); without them the block
 * uses the default AWS credential chain. The secret is never printed.
 */
public record CredentialsConfig(String accessKeyId, String secretAccessKey) {
    public CredentialsConfig {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "CredentialsConfig[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
