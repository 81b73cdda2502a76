package io.tributary.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class KinesisRecordWriterTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
    private final KinesisRecordWriter writer =
            new KinesisRecordWriter("us-east-1", "arn:aws:iam::000000000000:role/tributary", ARN);

    @Test
    void writesAwsRecordShapeByteForByte() {
        String json = writer.write(
                        "shardId-000000000006",
                        "pk \"1\"",
                        "49590338271490256608559692538361571095921575989136588898",
                        SdkBytes.fromString("Hello, this is a test.", StandardCharsets.UTF_8),
                        Instant.parse("2018-12-17T22:10:50.987Z"))
                .utf8();

        assertThat(json)
                .isEqualTo("{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"pk \\\"1\\\"\","
                        + "\"sequenceNumber\":\"49590338271490256608559692538361571095921575989136588898\","
                        + "\"data\":\"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==\","
                        + "\"approximateArrivalTimestamp\":1545084650.987},"
                        + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\","
                        + "\"eventID\":\"shardId-000000000006:49590338271490256608559692538361571095921575989136588898\","
                        + "\"eventName\":\"aws:kinesis:record\","
                        + "\"invokeIdentityArn\":\"arn:aws:iam::000000000000:role/tributary\","
                        + "\"awsRegion\":\"us-east-1\",\"eventSourceARN\":\"" + ARN + "\"}");
    }

    @Test
    void wholeSecondsKeepTheirMillisecondFraction() {
        assertThat(KinesisRecordWriter.epochSeconds(Instant.parse("2018-12-17T22:10:50Z"))
                        .toPlainString())
                .isEqualTo("1545084650.000");
    }

    @Test
    void theLambdaJavaRuntimeReadsTheRecord() {
        String record = writer.write(
                        "shardId-000000000001",
                        "key",
                        "1",
                        SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}),
                        Instant.parse("2024-01-01T00:00:00.123Z"))
                .utf8();

        KinesisEvent event = LambdaEventSerializers.serializerFor(
                        KinesisEvent.class, getClass().getClassLoader())
                .fromJson("{\"Records\":[" + record + "]}");

        KinesisEvent.KinesisEventRecord read = event.getRecords().get(0);
        assertThat(read.getKinesis().getPartitionKey()).isEqualTo("key");
        assertThat(read.getKinesis().getApproximateArrivalTimestamp().toInstant())
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
        byte[] data = new byte[4];
        read.getKinesis().getData().duplicate().get(data);
        assertThat(data).containsExactly(0, 1, 2, 255);
        assertThat(read.getEventID()).isEqualTo("shardId-000000000001:1");
        assertThat(read.getEventSourceARN()).isEqualTo(ARN);
    }
}
