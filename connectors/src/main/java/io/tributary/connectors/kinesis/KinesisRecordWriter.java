package io.tributary.connectors.kinesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Writes one Kinesis record in the shape Lambda puts in the event's {@code Records} array (spec §2.3,
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html), with Jackson's streaming writer straight to
 * bytes, members in AWS's order:
 *
 * <pre>{@code
 * {"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"pk","sequenceNumber":"496…","data":"<base64>",
 *   "approximateArrivalTimestamp":1545084650.987},
 *  "eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000006:496…",
 *  "eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::…:role/tributary","awsRegion":"us-east-1",
 *  "eventSourceARN":"arn:aws:kinesis:…:stream/…"}
 * }</pre>
 *
 * <p>Thread-safe (stateless but for the shared factory).
 */
final class KinesisRecordWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private final String region;
    private final String invokeIdentityArn;
    private final String streamArn;

    KinesisRecordWriter(String region, String invokeIdentityArn, String streamArn) {
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
        this.streamArn = streamArn;
    }

    /** The engine's view of one record read from {@code shardId}. */
    StreamRecord toStreamRecord(String shardId, software.amazon.awssdk.services.kinesis.model.Record record) {
        Instant arrival = record.approximateArrivalTimestamp();
        if (arrival == null) {
            arrival = Instant.EPOCH; // Kinesis always sends it; a server that does not gets the oldest possible age
        }
        Payload json = write(shardId, record.partitionKey(), record.sequenceNumber(), record.data(), arrival);
        return new StreamRecord(record.sequenceNumber(), record.partitionKey(), arrival, json);
    }

    Payload write(String shardId, String partitionKey, String sequenceNumber, SdkBytes data, Instant arrival) {
        byte[] bytes = data == null ? new byte[0] : data.asByteArrayUnsafe();
        // base64 grows the data by 4/3; the rest of the record is ~450 bytes.
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4 / 3 + 512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("kinesis");
            g.writeStringField("kinesisSchemaVersion", "1.0");
            g.writeStringField("partitionKey", partitionKey);
            g.writeStringField("sequenceNumber", sequenceNumber);
            g.writeFieldName("data");
            g.writeBinary(bytes); // standard base64 alphabet with padding, no line feeds
            g.writeFieldName("approximateArrivalTimestamp");
            g.writeNumber(epochSeconds(arrival));
            g.writeEndObject();
            g.writeStringField("eventSource", "aws:kinesis");
            g.writeStringField("eventVersion", "1.0");
            g.writeStringField("eventID", shardId + ":" + sequenceNumber);
            g.writeStringField("eventName", "aws:kinesis:record");
            g.writeStringField("invokeIdentityArn", invokeIdentityArn);
            g.writeStringField("awsRegion", region);
            g.writeStringField("eventSourceARN", streamArn);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return Payload.wrap(out.toByteArray());
    }

    /** Epoch seconds with a millisecond fraction, e.g. {@code 1545084650.987}, as Lambda writes it. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
