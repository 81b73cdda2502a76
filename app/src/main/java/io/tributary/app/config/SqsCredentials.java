package io.tributary.app.config;

import java.util.Objects;

/** Static AWS keys for SQS ({@code Sqs.AccessKeyId}, {@code Sqs.SecretAccessKey}). Never printed. */
public record SqsCredentials(String accessKeyId, String secretAccessKey) {
    public SqsCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "SqsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
