package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.api.SourceRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Each fixture pair under {@code events/} is an SQS message as ReceiveMessage returns it ({@code *.message.json}) and
 * the record Lambda delivers for it ({@code *.record.json}, from AWS's documented examples and real events).
 */
class SqsRecordConverterTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @ParameterizedTest
    @ValueSource(strings = {"sqs-standard", "sqs-no-attributes", "sqs-fifo", "sqs-dlq-trace", "sqs-attribute-kinds"})
    void writesTheRecordExactlyAsAwsDoesIncludingKeyOrder(String fixture) throws Exception {
        // given
        Message message = SqsWireMessages.message(SqsWireMessages.resource("/events/" + fixture + ".message.json"));
        JsonNode expected = SqsWireMessages.resource("/events/" + fixture + ".record.json");
        var converter = converterFor(expected);

        // when
        String json = converter.toJson(message).utf8();

        // then: same keys in the same order, same values (compact form compared as text)
        assertThat(json).isEqualTo(SqsWireMessages.JSON.writeValueAsString(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqs-standard", "sqs-fifo", "sqs-dlq-trace", "sqs-attribute-kinds"})
    void theLambdaJavaRuntimeReadsEveryField(String fixture) throws Exception {
        // given
        Message message = SqsWireMessages.message(SqsWireMessages.resource("/events/" + fixture + ".message.json"));
        var converter = converterFor(SqsWireMessages.resource("/events/" + fixture + ".record.json"));
        String event = "{\"Records\":[" + converter.toJson(message).utf8() + "]}";

        // when
        SQSEvent parsed = LambdaEventSerializers.serializerFor(
                        SQSEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

        // then
        SQSEvent.SQSMessage record = parsed.getRecords().get(0);
        assertThat(record.getMessageId()).isEqualTo(message.messageId());
        assertThat(record.getReceiptHandle()).isEqualTo(message.receiptHandle());
        assertThat(record.getBody()).isEqualTo(message.body());
        assertThat(record.getMd5OfBody()).isEqualTo(message.md5OfBody());
        assertThat(record.getMd5OfMessageAttributes()).isEqualTo(message.md5OfMessageAttributes());
        assertThat(record.getAttributes()).isEqualTo(message.attributesAsStrings());
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getMessageAttributes()).hasSameSizeAs(message.messageAttributes());
        message.messageAttributes().forEach((name, value) -> {
            var read = record.getMessageAttributes().get(name);
            assertThat(read.getDataType()).isEqualTo(value.dataType());
            assertThat(read.getStringValue()).isEqualTo(value.stringValue());
            if (value.binaryValue() != null) {
                assertThat(bytes(read.getBinaryValue()))
                        .isEqualTo(value.binaryValue().asByteArray());
            } else {
                assertThat(read.getBinaryValue()).isNull();
            }
        });
    }

    @Test
    void fifoRecordsAreOrderedByMessageGroupAndStandardOnesAreNot() {
        // given
        Message fifo = SqsWireMessages.message(SqsWireMessages.resource("/events/sqs-fifo.message.json"));
        Message fairStandard = fifo.toBuilder().build(); // standard (fair) queues may carry a group too

        // when
        SourceRecord fifoRecord = new SqsRecordConverter(
                        "arn:aws:sqs:us-east-2:123456789012:fifo.fifo", "us-east-2", true)
                .toRecord(fifo, NOW);
        SourceRecord standardRecord = new SqsRecordConverter("arn:aws:sqs:us-east-2:123456789012:q", "us-east-2", false)
                .toRecord(fairStandard, NOW);

        // then
        assertThat(fifoRecord.orderingKey()).isEqualTo("1");
        assertThat(fifoRecord.id()).isEqualTo("11d6ee51-4cc7-4302-9e22-7cd8afdaadf5");
        assertThat(fifoRecord.ackHandle()).isEqualTo("AQEBBX8nesZEXmkhsmZeyIE8iQAMig7qw...");
        assertThat(fifoRecord.receivedAt()).isEqualTo(NOW);
        assertThat(standardRecord.orderingKey()).isNull();
    }

    @Test
    void attributesSqsAddsLaterFollowTheKnownOnesInTheirOwnOrder() throws Exception {
        // given
        Message message = Message.builder()
                .messageId("m")
                .receiptHandle("r")
                .body("b")
                .md5OfBody("92eb5ffee6ae2fec3ad71c777531578f")
                .attributesWithStrings(Map.of("ZNewAttribute", "z", "SenderId", "s", "ApproximateReceiveCount", "1"))
                .build();

        // when
        JsonNode attributes = SqsWireMessages.JSON
                .readTree(new SqsRecordConverter("arn:aws:sqs:us-east-1:000000000000:q", "us-east-1", false)
                        .toJson(message)
                        .utf8())
                .get("attributes");

        // then
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("ApproximateReceiveCount", "SenderId", "ZNewAttribute");
    }

    @Test
    void aLargeRecordDoesNotLeakIntoTheNextOneWrittenOnTheSameThread() {
        // given
        var converter = new SqsRecordConverter("arn:aws:sqs:us-east-1:000000000000:q", "us-east-1", false);
        Message large = Message.builder()
                .messageId("big")
                .receiptHandle("r1")
                .body("x".repeat(300_000))
                .md5OfBody("0")
                .build();
        Message small = Message.builder()
                .messageId("small")
                .receiptHandle("r2")
                .body("y")
                .md5OfBody("1")
                .build();

        // when
        String first = converter.toJson(large).utf8();
        String second = converter.toJson(small).utf8();

        // then
        assertThat(first).hasSizeGreaterThan(300_000).endsWith("\"awsRegion\":\"us-east-1\"}");
        assertThat(second)
                .isEqualTo("{\"messageId\":\"small\",\"receiptHandle\":\"r2\",\"body\":\"y\",\"attributes\":{},"
                        + "\"messageAttributes\":{},\"md5OfMessageAttributes\":null,\"md5OfBody\":\"1\","
                        + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:q\","
                        + "\"awsRegion\":\"us-east-1\"}");
    }

    private static SqsRecordConverter converterFor(JsonNode expectedRecord) {
        String arn = expectedRecord.get("eventSourceARN").asText();
        return new SqsRecordConverter(arn, expectedRecord.get("awsRegion").asText(), arn.endsWith(".fifo"));
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
