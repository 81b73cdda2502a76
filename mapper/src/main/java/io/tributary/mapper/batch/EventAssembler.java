package io.tributary.mapper.batch;

import io.tributary.api.Payload;
import io.tributary.api.SourceRecord;
import java.io.IOException;
import java.io.OutputStream;
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
        // The size is known exactly, so the event is written straight into its final array: one copy of each
        // record's bytes and no buffer growth (a ByteArrayOutputStream would allocate the event twice).
        ExactArray out = new ExactArray(size);
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
        return Payload.wrap(out.filled());
    }

    /** Writes into an array of a size known in advance. */
    private static final class ExactArray extends OutputStream {
        private final byte[] bytes;
        private int position;

        ExactArray(int size) {
            this.bytes = new byte[size];
        }

        @Override
        public void write(int b) {
            bytes[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            System.arraycopy(b, offset, bytes, position, length);
            position += length;
        }

        byte[] filled() {
            if (position != bytes.length) {
                throw new IllegalStateException("event size miscounted: " + position + " of " + bytes.length);
            }
            return bytes;
        }
    }
}
