package io.tributary.mapper;

/** The kind of event source, from its ARN. Decides defaults, validation rules and the record view for filters. */
public enum SourceKind {
    SQS,
    KINESIS,
    DYNAMODB,
    KAFKA,
    MQ;

    /** The kind an {@code EventSourceArn} names, or {@code null} when Tributary does not know it. */
    public static SourceKind fromArn(String arn) {
        if (arn == null) {
            return null;
        }
        if (arn.startsWith("arn:aws:sqs:")) {
            return SQS;
        }
        if (arn.startsWith("arn:aws:kinesis:")) {
            return KINESIS;
        }
        if (arn.startsWith("arn:aws:dynamodb:") && arn.contains("/stream/")) {
            return DYNAMODB;
        }
        if (arn.startsWith("arn:aws:kafka:")) {
            return KAFKA;
        }
        if (arn.startsWith("arn:aws:mq:")) {
            return MQ;
        }
        return null;
    }
}
