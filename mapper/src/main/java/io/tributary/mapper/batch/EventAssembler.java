package io.tributary.mapper.batch;

import io.tributary.api.Payload;
import io.tributary.api.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the event a function receives, {@code {"Records":[...]}}, from records already in AWS's record shape. The
 * records' JSON is copied byte for byte: no re-parsing on the hot path.
 */
public final class EventAssembler {
    /** Lambda's synchronous payload limit; a batch is flushed before it would exceed it. */
    public static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private static final byte[] HEAD = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private EventAssembler() {}

    /** The size of the event holding these records plus one more record of {@code extraRecordBytes}. */
    public static int sizeWith(int currentRecordBytes, int currentCount, int extraRecordBytes) {
        return HEAD.length + TAIL.length + currentRecordBytes + extraRecordBytes + currentCount;
    }

    public static Payload records(List<SourceRecord> records) {
        int size = HEAD.length + TAIL.length + Math.max(0, records.size() - 1);
        for (SourceRecord record : records) {
            size += record.json().size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            out.write(HEAD);
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                records.get(i).json().writeTo(out);
            }
            out.write(TAIL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Payload.wrap(out.toByteArray());
    }
}
