package io.tributary.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte payload: an event, a record's JSON or a function response. Lambda payloads are UTF-8 JSON, but an
 * executor may return anything, so the bytes are kept as they came.
 *
 * <p>{@link #wrap(byte[])} takes ownership of the array without copying (the hot path serializes straight into a
 * buffer and hands it over); callers must not modify it afterwards.
 */
public final class Payload {
    private static final Payload EMPTY = new Payload(new byte[0]);
    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}; the caller must not change the array afterwards. */
    public static Payload wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Payload(bytes);
    }

    public static Payload copyOf(byte[] bytes) {
        return wrap(bytes.clone());
    }

    public static Payload utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Payload empty() {
        return EMPTY;
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public InputStream newInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** Writes {@code length} bytes starting at {@code offset} without copying. */
    public void writeTo(OutputStream out, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 200
                ? utf8()
                : new String(bytes, 0, 200, StandardCharsets.UTF_8) + "…(" + size() + " bytes)";
    }
}
