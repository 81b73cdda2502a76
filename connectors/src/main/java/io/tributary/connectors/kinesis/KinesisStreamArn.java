package io.tributary.connectors.kinesis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Kinesis data stream ARN, {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. Calls name the stream
 * by {@code StreamName} (kinesalite does not know the newer {@code StreamARN} request member).
 */
record KinesisStreamArn(String region, String accountId, String streamName) {
    // Stream names: 1..128 of [a-zA-Z0-9_.-]
    // (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html)
    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    static Optional<KinesisStreamArn> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(new KinesisStreamArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }
}
