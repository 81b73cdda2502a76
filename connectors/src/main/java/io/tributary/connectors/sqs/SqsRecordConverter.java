package io.tributary.connectors.sqs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.tributary.api.Payload;
import io.tributary.api.SourceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Writes an SQS {@link Message} as the record Lambda puts in an SQS event's {@code Records} array, byte for byte in
 * AWS's shape and key order (spec §2.1, <a
 * href="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event">with-sqs</a>).
 *
 * <p>This is the hot path: the JSON is streamed with a {@link JsonGenerator} into a per-thread buffer that is reused,
 * so each record costs one exact-size byte array (handed to {@link Payload#wrap}) plus Jackson's recycled buffers.
 *
 * <p>Thread-safe and stateless apart from the queue it describes.
 */
public final class SqsRecordConverter {

    /**
     * The system attributes in the order Lambda writes them. The orders AWS documents (standard: ApproximateReceiveCount,
     * SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp; FIFO adds SequenceNumber, MessageGroupId and
     * MessageDeduplicationId in between) and real events with DeadLetterQueueSourceArn and AWSTraceHeader all match
     * the iteration order of a {@code java.util.HashMap} holding these keys, with ApproximateReceiveCount put before
     * AWSTraceHeader (the two share a hash bucket). Attributes not listed here follow in the order SQS sent them.
     */
    static final List<String> ATTRIBUTE_ORDER = List.of(
            "DeadLetterQueueSourceArn",
            "ApproximateReceiveCount",
            "AWSTraceHeader",
            "SentTimestamp",
            "SequenceNumber",
            "MessageGroupId",
            "SenderId",
            "MessageDeduplicationId",
            "ApproximateFirstReceiveTimestamp");

    /** Characters outside the BMP (emoji) as plain UTF-8, not as escaped surrogate pairs: smaller, and what SQS sent. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final SerializableString MESSAGE_ID = new SerializedString("messageId");
    private static final SerializableString RECEIPT_HANDLE = new SerializedString("receiptHandle");
    private static final SerializableString BODY = new SerializedString("body");
    private static final SerializableString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializableString MESSAGE_ATTRIBUTES = new SerializedString("messageAttributes");
    private static final SerializableString MD5_OF_MESSAGE_ATTRIBUTES = new SerializedString("md5OfMessageAttributes");
    private static final SerializableString MD5_OF_BODY = new SerializedString("md5OfBody");
    private static final SerializableString EVENT_SOURCE = new SerializedString("eventSource");
    private static final SerializableString EVENT_SOURCE_ARN = new SerializedString("eventSourceARN");
    private static final SerializableString AWS_REGION = new SerializedString("awsRegion");
    private static final SerializableString STRING_VALUE = new SerializedString("stringValue");
    private static final SerializableString BINARY_VALUE = new SerializedString("binaryValue");
    private static final SerializableString STRING_LIST_VALUES = new SerializedString("stringListValues");
    private static final SerializableString BINARY_LIST_VALUES = new SerializedString("binaryListValues");
    private static final SerializableString DATA_TYPE = new SerializedString("dataType");
    private static final SerializableString AWS_SQS = new SerializedString("aws:sqs");
    private static final SerializableString[] ATTRIBUTE_NAMES =
            ATTRIBUTE_ORDER.stream().map(SerializedString::new).toArray(SerializableString[]::new);

    /** Buffers above this size are not kept for reuse, so one huge message does not pin memory in every thread. */
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(() -> new Buffer(8192));

    private final SerializableString eventSourceArn;
    private final SerializableString awsRegion;
    private final boolean fifo;

    /**
     * @param eventSourceArn the queue ARN, written as {@code eventSourceARN}
     * @param awsRegion the queue's region, written as {@code awsRegion}
     * @param fifo whether the queue is FIFO: only then does a record get its message group as ordering key
     */
    public SqsRecordConverter(String eventSourceArn, String awsRegion, boolean fifo) {
        this.eventSourceArn = new SerializedString(Objects.requireNonNull(eventSourceArn, "eventSourceArn"));
        this.awsRegion = new SerializedString(Objects.requireNonNull(awsRegion, "awsRegion"));
        this.fifo = fifo;
    }

    /**
     * The source record for {@code message}: id = message id, ack handle = receipt handle, ordering key = message
     * group on FIFO queues (standard queues are unordered, even when a message carries a group for fair queues).
     */
    public SourceRecord toRecord(Message message, Instant receivedAt) {
        String orderingKey = fifo ? message.attributesAsStrings().get("MessageGroupId") : null;
        return new SourceRecord(message.messageId(), message.receiptHandle(), orderingKey, toJson(message), receivedAt);
    }

    /** The record JSON of {@code message} as UTF-8 bytes. */
    public Payload toJson(Message message) {
        Buffer buffer = BUFFERS.get();
        buffer.reset();
        try (JsonGenerator g = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
            write(message, g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SQS record of message " + message.messageId(), e);
        }
        byte[] bytes = buffer.toByteArray();
        if (buffer.capacity() > MAX_RETAINED_BUFFER) {
            BUFFERS.remove();
        }
        return Payload.wrap(bytes);
    }

    private void write(Message m, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(MESSAGE_ID);
        g.writeString(m.messageId());
        g.writeFieldName(RECEIPT_HANDLE);
        g.writeString(m.receiptHandle());
        g.writeFieldName(BODY);
        // The body is always a string in the event, even when it holds JSON (spec §2.1).
        g.writeString(m.body() != null ? m.body() : "");
        g.writeFieldName(ATTRIBUTES);
        writeAttributes(m.attributesAsStrings(), g);
        g.writeFieldName(MESSAGE_ATTRIBUTES);
        writeMessageAttributes(m.messageAttributes(), g);
        g.writeFieldName(MD5_OF_MESSAGE_ATTRIBUTES);
        // null (not absent) when the message has no attributes, as in AWS's recordings (spec §2.1).
        writeNullable(m.md5OfMessageAttributes(), g);
        g.writeFieldName(MD5_OF_BODY);
        writeNullable(m.md5OfBody(), g);
        g.writeFieldName(EVENT_SOURCE);
        g.writeString(AWS_SQS);
        g.writeFieldName(EVENT_SOURCE_ARN);
        g.writeString(eventSourceArn);
        g.writeFieldName(AWS_REGION);
        g.writeString(awsRegion);
        g.writeEndObject();
    }

    private static void writeAttributes(Map<String, String> attributes, JsonGenerator g) throws IOException {
        g.writeStartObject();
        int known = 0;
        for (int i = 0; i < ATTRIBUTE_NAMES.length; i++) {
            String value = attributes.get(ATTRIBUTE_ORDER.get(i));
            if (value != null) {
                g.writeFieldName(ATTRIBUTE_NAMES[i]);
                g.writeString(value);
                known++;
            }
        }
        if (known < attributes.size()) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (!ATTRIBUTE_ORDER.contains(e.getKey()) && e.getValue() != null) {
                    g.writeFieldName(e.getKey());
                    g.writeString(e.getValue());
                }
            }
        }
        g.writeEndObject();
    }

    private static void writeMessageAttributes(Map<String, MessageAttributeValue> attributes, JsonGenerator g)
            throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            MessageAttributeValue v = e.getValue();
            g.writeFieldName(e.getKey());
            g.writeStartObject();
            if (v.stringValue() != null) {
                g.writeFieldName(STRING_VALUE);
                g.writeString(v.stringValue());
            }
            if (v.binaryValue() != null) {
                g.writeFieldName(BINARY_VALUE);
                writeBase64(v.binaryValue(), g);
            }
            g.writeFieldName(STRING_LIST_VALUES);
            g.writeStartArray();
            for (String s : v.stringListValues()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeFieldName(BINARY_LIST_VALUES);
            g.writeStartArray();
            for (SdkBytes b : v.binaryListValues()) {
                writeBase64(b, g);
            }
            g.writeEndArray();
            g.writeFieldName(DATA_TYPE);
            g.writeString(v.dataType());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Standard base64 with padding and no line feeds, as SQS and Lambda write binary values. */
    private static void writeBase64(SdkBytes bytes, JsonGenerator g) throws IOException {
        byte[] raw = bytes.asByteArrayUnsafe();
        g.writeBinary(raw, 0, raw.length);
    }

    private static void writeNullable(String value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** A growable byte buffer reused per thread; {@link #toByteArray()} is the record's only allocation. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int count;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void reset() {
            count = 0;
        }

        int capacity() {
            return bytes.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int extra) {
            int needed = count + extra;
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
            }
        }
    }
}
