package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** {@link SqsQueueSource} against an in-process ElasticMQ: the record JSON field by field, as AWS delivers it. */
class SqsQueueSourceIT {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private static SqsConnector connector;

    @BeforeAll
    static void startServer() {
        server = ElasticMqServer.start();
        sqs = new SqsTestClient(server);
        connector = new SqsConnector(server.settings(), new ManualClock(NOW));
    }

    @AfterAll
    static void stopServer() {
        connector.close();
        sqs.close();
        server.stop();
    }

    @Test
    void standardQueueRecordHasAwsShapeFieldByField() throws Exception {
        // given
        String name = queueName("standard");
        String url = sqs.createQueue(name);
        long before = System.currentTimeMillis();
        String messageId = sqs.send(url, "hello");
        SqsQueueSource source = open(name);

        // when
        List<SourceRecord> records = source.receive(10, Duration.ofSeconds(1)).join();

        // then
        assertThat(records).hasSize(1);
        SourceRecord record = records.get(0);
        JsonNode json = parse(record);
        assertThat(fieldNames(json))
                .containsExactly(
                        "messageId",
                        "receiptHandle",
                        "body",
                        "attributes",
                        "messageAttributes",
                        "md5OfMessageAttributes",
                        "md5OfBody",
                        "eventSource",
                        "eventSourceARN",
                        "awsRegion");
        assertThat(json.get("messageId").asText()).isEqualTo(messageId).isEqualTo(record.id());
        assertThat(json.get("receiptHandle").asText())
                .isEqualTo(record.ackHandle())
                .isNotBlank();
        assertThat(json.get("body").isTextual()).isTrue();
        assertThat(json.get("body").asText()).isEqualTo("hello");
        JsonNode attributes = json.get("attributes");
        assertThat(fieldNames(attributes))
                .containsExactly(
                        "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        attributes.forEach(value -> assertThat(value.isTextual()).isTrue());
        assertThat(attributes.get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(Long.parseLong(attributes.get("SentTimestamp").asText()))
                .isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(Long.parseLong(
                        attributes.get("ApproximateFirstReceiveTimestamp").asText()))
                .isGreaterThanOrEqualTo(
                        Long.parseLong(attributes.get("SentTimestamp").asText()));
        assertThat(attributes.get("SenderId").asText()).isNotBlank();
        assertThat(json.get("messageAttributes").isObject()).isTrue();
        assertThat(json.get("messageAttributes").size()).isZero();
        assertThat(json.has("md5OfMessageAttributes")).isTrue();
        assertThat(json.get("md5OfMessageAttributes").isNull()).isTrue();
        assertThat(json.get("md5OfBody").asText()).isEqualTo(md5("hello"));
        assertThat(json.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(json.get("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + name);
        assertThat(json.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.orderingKey()).isNull();
        assertThat(record.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void receiveCountIncreasesOnRedelivery() throws Exception {
        // given
        String name = queueName("redelivery");
        String url = sqs.createQueue(name);
        sqs.send(url, "again");
        SqsQueueSource source = open(name);
        SourceRecord first = source.receive(1, Duration.ZERO).join().get(0);

        // when: the visibility timeout "expires" and the message is received again
        sqs.makeVisible(url, first.ackHandle());
        SourceRecord second = source.receive(1, Duration.ofSeconds(1)).join().get(0);

        // then
        JsonNode firstAttributes = parse(first).get("attributes");
        JsonNode secondAttributes = parse(second).get("attributes");
        assertThat(firstAttributes.get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(secondAttributes.get("ApproximateReceiveCount").asText()).isEqualTo("2");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.ackHandle()).isNotEqualTo(first.ackHandle());
        assertThat(secondAttributes.get("ApproximateFirstReceiveTimestamp"))
                .isEqualTo(firstAttributes.get("ApproximateFirstReceiveTimestamp"));
    }

    @Test
    void fifoRecordCarriesGroupDeduplicationIdAndSequenceNumberInAwsKeyOrder() throws Exception {
        // given
        String name = queueName("orders") + ".fifo";
        String url = sqs.createQueue(name);
        sqs.send(SendMessageRequest.builder()
                .queueUrl(url)
                .messageBody("first")
                .messageGroupId("customer-1")
                .messageDeduplicationId("dedup-1")
                .build());
        SqsQueueSource source = open(name);
        assertThat(source.description().fifo()).isTrue();

        // when
        SourceRecord record = source.receive(10, Duration.ofSeconds(1)).join().get(0);

        // then
        JsonNode attributes = parse(record).get("attributes");
        assertThat(fieldNames(attributes))
                .containsExactly(
                        "ApproximateReceiveCount",
                        "SentTimestamp",
                        "SequenceNumber",
                        "MessageGroupId",
                        "SenderId",
                        "MessageDeduplicationId",
                        "ApproximateFirstReceiveTimestamp");
        assertThat(attributes.get("MessageGroupId").asText()).isEqualTo("customer-1");
        assertThat(attributes.get("MessageDeduplicationId").asText()).isEqualTo("dedup-1");
        assertThat(attributes.get("SequenceNumber").asText()).matches("\\d+");
        assertThat(record.orderingKey()).isEqualTo("customer-1");
        assertThat(parse(record).get("eventSourceARN").asText()).endsWith(":" + name);
    }

    @Test
    void messageAttributesOfAllKindsKeepTheirTypesAndValues() throws Exception {
        // given
        String name = queueName("attributes");
        String url = sqs.createQueue(name);
        byte[] binary = {0, 1, 2, (byte) 0xff, 'z'};
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("Author", string("String", "Jane \"J\" Doe"));
        attributes.put("Count", string("Number", "42"));
        attributes.put("Retries", string("Number.int", "3"));
        attributes.put("Label", string("String.custom", "vip"));
        attributes.put(
                "Blob",
                MessageAttributeValue.builder()
                        .dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(binary))
                        .build());
        attributes.put(
                "Zipped",
                MessageAttributeValue.builder()
                        .dataType("Binary.gzip")
                        .binaryValue(SdkBytes.fromUtf8String("gz"))
                        .build());
        var sent = sqs.sdk()
                .sendMessage(r -> r.queueUrl(url).messageBody("{\"order\":1}").messageAttributes(attributes))
                .join();

        // when
        JsonNode json =
                parse(open(name).receive(10, Duration.ofSeconds(1)).join().get(0));

        // then
        JsonNode values = json.get("messageAttributes");
        assertThat(values.size()).isEqualTo(6);
        assertStringAttribute(values.get("Author"), "Jane \"J\" Doe", "String");
        assertStringAttribute(values.get("Count"), "42", "Number");
        assertStringAttribute(values.get("Retries"), "3", "Number.int");
        assertStringAttribute(values.get("Label"), "vip", "String.custom");
        assertBinaryAttribute(values.get("Blob"), binary, "Binary");
        assertBinaryAttribute(values.get("Zipped"), "gz".getBytes(StandardCharsets.UTF_8), "Binary.gzip");
        assertThat(json.get("md5OfMessageAttributes").asText()).isEqualTo(sent.md5OfMessageAttributes());
        assertThat(json.get("md5OfBody").asText()).isEqualTo(sent.md5OfMessageBody());
        assertThat(json.get("body").isTextual()).isTrue();
        assertThat(json.get("body").asText()).isEqualTo("{\"order\":1}");
    }

    @Test
    void nonJsonBodyPassesThroughAsTheSameString() throws Exception {
        // given
        String name = queueName("text");
        String url = sqs.createQueue(name);
        String body = "not json }{ \"quoted\" \\ back\\slash ünïcødé 😀 <xml/>\nline 2\ttab";
        sqs.send(url, body);

        // when
        JsonNode json =
                parse(open(name).receive(10, Duration.ofSeconds(1)).join().get(0));

        // then
        assertThat(json.get("body").isTextual()).isTrue();
        assertThat(json.get("body").asText()).isEqualTo(body);
        assertThat(json.get("md5OfBody").asText()).isEqualTo(md5(body));
    }

    @Test
    void receivingFromAQueueThatWasDeletedFailsWithSourceExceptionNamingTheQueue() {
        // given
        String name = queueName("gone");
        String url = sqs.createQueue(name);
        SqsQueueSource source = open(name);
        sqs.sdk().deleteQueue(r -> r.queueUrl(url)).join();

        // when
        Throwable failure = source.receive(10, Duration.ZERO)
                .handle((records, error) -> error)
                .join();

        // then: the future fails with the SourceException itself, as the QueueSource contract says
        assertThat(failure)
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("ReceiveMessage")
                .hasMessageContaining("arn:aws:sqs:us-east-1:000000000000:" + name)
                .hasMessageContaining("does not exist");
    }

    @Test
    void receiveRejectsArgumentsOutsideSqsBounds() {
        SqsQueueSource source = open(sqsQueue("bounds"));

        assertThatThrownBy(() -> source.receive(11, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.receive(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source.receive(1, Duration.ofSeconds(21)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String sqsQueue(String prefix) {
        String name = queueName(prefix);
        sqs.createQueue(name);
        return name;
    }

    private static SqsQueueSource open(String name) {
        return connector.open(connector.describe(server.queueArn(name)).orElseThrow());
    }

    private static String queueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static MessageAttributeValue string(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }

    private static void assertStringAttribute(JsonNode value, String expected, String type) {
        assertThat(fieldNames(value))
                .containsExactly("stringValue", "stringListValues", "binaryListValues", "dataType");
        assertThat(value.get("stringValue").asText()).isEqualTo(expected);
        assertThat(value.get("stringListValues").isEmpty()).isTrue();
        assertThat(value.get("binaryListValues").isEmpty()).isTrue();
        assertThat(value.get("dataType").asText()).isEqualTo(type);
    }

    private static void assertBinaryAttribute(JsonNode value, byte[] expected, String type) {
        assertThat(fieldNames(value))
                .containsExactly("binaryValue", "stringListValues", "binaryListValues", "dataType");
        assertThat(value.get("binaryValue").asText())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(expected));
        assertThat(value.get("dataType").asText()).isEqualTo(type);
    }

    static JsonNode parse(SourceRecord record) throws Exception {
        return SqsWireMessages.JSON.readTree(record.json().toByteArray());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
