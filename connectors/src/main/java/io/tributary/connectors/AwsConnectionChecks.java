package io.tributary.connectors;

import java.util.Objects;

/** The checks every connector's settings make on where and as whom they talk to AWS (SQS, Kinesis). */
public final class AwsConnectionChecks {
    private AwsConnectionChecks() {}

    /**
     * A region, a 12-digit account id, and static keys given both or neither ({@code null} both: the AWS SDK's
     * default credential chain).
     *
     * @throws IllegalArgumentException (or {@link NullPointerException} for a missing region or account) naming the
     *     value that is wrong
     */
    public static void check(String region, String accountId, String accessKeyId, String secretAccessKey) {
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
}
