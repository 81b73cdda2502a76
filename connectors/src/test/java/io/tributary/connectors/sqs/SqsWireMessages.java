package io.tributary.connectors.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Reads test fixtures: SQS messages as ReceiveMessage returns them (JSON protocol member names). */
final class SqsWireMessages {
    static final ObjectMapper JSON = new ObjectMapper();

    private SqsWireMessages() {}

    static JsonNode resource(String path) {
        try (InputStream in = SqsWireMessages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link Message} built from its wire JSON, keeping the attribute order of the fixture. */
    static Message message(JsonNode wire) {
        Map<String, String> attributes = new LinkedHashMap<>();
        wire.path("Attributes")
                .fields()
                .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Map<String, MessageAttributeValue> messageAttributes = new LinkedHashMap<>();
        wire.path("MessageAttributes").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            var b = MessageAttributeValue.builder().dataType(v.get("DataType").asText());
            if (v.has("StringValue")) {
                b.stringValue(v.get("StringValue").asText());
            }
            if (v.has("BinaryValue")) {
                b.binaryValue(SdkBytes.fromByteArray(binary(v.get("BinaryValue"))));
            }
            messageAttributes.put(e.getKey(), b.build());
        });
        return Message.builder()
                .messageId(wire.get("MessageId").asText())
                .receiptHandle(wire.get("ReceiptHandle").asText())
                .md5OfBody(wire.get("MD5OfBody").asText())
                .body(wire.get("Body").asText())
                .attributesWithStrings(attributes)
                .md5OfMessageAttributes(
                        wire.hasNonNull("MD5OfMessageAttributes")
                                ? wire.get("MD5OfMessageAttributes").asText()
                                : null)
                .messageAttributes(messageAttributes)
                .build();
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
