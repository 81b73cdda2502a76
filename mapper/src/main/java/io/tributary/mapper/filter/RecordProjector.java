package io.tributary.mapper.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.api.Payload;
import io.tributary.mapper.SourceKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a record's JSON into the view that filters see, keeping only the keys some filter names (everything else is
 * skipped by the streaming parser, and reading stops once every named top-level key was found).
 *
 * <p>The view per source (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 *
 * <ul>
 *   <li>SQS: the record; {@code body} is parsed when it holds a JSON object, otherwise it stays a string.
 *   <li>Kinesis: the fields of the {@code kinesis} object lifted to the top (patterns are written as {@code {"data":
 *       ...}}), {@code data} base64-decoded and parsed when it is a JSON object, plus the record's other fields.
 *   <li>DynamoDB: the record, {@code dynamodb} with its typed attribute values.
 *   <li>Kafka: the record; {@code key} and {@code value} base64-decoded as UTF-8, parsed when they are a JSON object.
 *   <li>MQ: the record; {@code data} decoded like Kafka's value.
 * </ul>
 *
 * {@code eventSource}, {@code eventSourceARN} and {@code awsRegion} are added by Lambda after filtering, so they are
 * never visible to a pattern.
 */
final class RecordProjector {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> ADDED_AFTER_FILTERING = Set.of("eventSource", "eventSourceARN", "awsRegion");

    private final SourceKind kind;
    private final FieldTrie root;

    RecordProjector(SourceKind kind, FieldTrie root) {
        this.kind = kind;
        this.root = root;
    }

    /** The filter view of {@code record}, or null when the record is not a JSON object. */
    Map<String, Object> project(Payload record) throws IOException {
        try (JsonParser parser = createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> view = new HashMap<>();
            if (!root.isEmpty()) {
                readTopLevel(parser, view, new int[] {root.size()}, false);
            }
            return view;
        }
    }

    /**
     * A parser over the payload's own bytes: {@link Payload#writeTo} hands its array to {@link OutputStream#write(byte[],
     * int, int)} without copying, so the capture below avoids both a copy and the InputStream indirection. The array
     * is only read.
     */
    private static JsonParser createParser(Payload record) throws IOException {
        ByteCapture capture = new ByteCapture();
        record.writeTo(capture);
        return capture.bytes == null || capture.writes != 1
                ? JSON.createParser(record.newInputStream())
                : JSON.createParser(capture.bytes, capture.offset, capture.length);
    }

    private static final class ByteCapture extends OutputStream {
        byte[] bytes;
        int offset;
        int length;
        int writes;

        @Override
        public void write(byte[] b, int off, int len) {
            // More than one write means the bytes are not one array after all: the caller falls back to a stream.
            writes++;
            bytes = b;
            offset = off;
            length = len;
        }

        @Override
        public void write(int b) {
            writes += 2;
        }
    }

    /** Reads top-level fields into {@code view}; true when every named key was found and reading can stop. */
    private boolean readTopLevel(JsonParser parser, Map<String, Object> view, int[] remaining, boolean inKinesis)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (kind == SourceKind.KINESIS && !inKinesis && token == JsonToken.START_OBJECT && name.equals("kinesis")) {
                if (readTopLevel(parser, view, remaining, true)) {
                    return true;
                }
                continue;
            }
            FieldTrie trie = !inKinesis && ADDED_AFTER_FILTERING.contains(name) ? null : root.child(name);
            if (trie == null) {
                parser.skipChildren();
                continue;
            }
            Object value = token == JsonToken.VALUE_STRING && isPayloadField(name, inKinesis)
                    ? readPayload(parser, trie)
                    : readValue(parser, token, trie);
            if (view.put(name, value) == null && --remaining[0] == 0) {
                return true;
            }
        }
        return false;
    }

    private boolean isPayloadField(String name, boolean inKinesis) {
        return switch (kind) {
            case SQS -> name.equals("body");
            case KINESIS -> inKinesis && name.equals("data");
            case KAFKA -> name.equals("value") || name.equals("key");
            case MQ -> name.equals("data");
            case DYNAMODB -> false;
        };
    }

    private static Object readValue(JsonParser parser, JsonToken token, FieldTrie trie) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                if (trie.isEmpty()) {
                    parser.skipChildren();
                    return JsonValues.OPAQUE_OBJECT;
                }
                Map<String, Object> object = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken valueToken = parser.nextToken();
                    FieldTrie child = trie.child(name);
                    if (child == null) {
                        parser.skipChildren();
                    } else {
                        object.put(name, readValue(parser, valueToken, child));
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken elementToken;
                while ((elementToken = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, elementToken, trie));
                }
                return array;
            }
            default -> {
                return JsonValues.scalar(parser, token);
            }
        }
    }

    /** The data key's string: parsed when it holds a JSON object, else the (decoded) string itself. */
    private Object readPayload(JsonParser parser, FieldTrie trie) throws IOException {
        if (kind == SourceKind.SQS) {
            char[] chars = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int length = parser.getTextLength();
            if (startsWithBrace(chars, offset, length)) {
                Object object = parseBody(chars, offset, length, trie);
                if (object != null) {
                    return object;
                }
            }
            return new String(chars, offset, length);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(parser.getText());
        } catch (IllegalArgumentException notBase64) {
            return JsonValues.UNDECODABLE;
        }
        if (startsWithBrace(bytes)) {
            Object object = parseObject(JSON.createParser(bytes), trie);
            if (object != null) {
                return object;
            }
        }
        try {
            // Lambda decodes Kafka and MQ payloads as UTF-8 before filtering; anything else is not a string.
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return JsonValues.UNDECODABLE;
        }
    }

    /**
     * The projected SQS body when it is one valid JSON object, else null. Once every top-level key the filters name
     * has been read, the rest only needs validating: {@link JsonSkipper} does that without tokenizing, unless it cannot
     * decide alone (a named key appearing again, a huge number): then Jackson reads on from that member.
     */
    static Object parseBody(char[] chars, int offset, int length, FieldTrie trie) throws IOException {
        if (trie.isEmpty()) {
            return parseObject(JSON.createParser(chars, offset, length), trie);
        }
        try (JsonParser nested = JSON.createParser(chars, offset, length)) {
            if (nested.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> object = new HashMap<>();
            int remaining = trie.size();
            JsonToken token;
            while ((token = nested.nextToken()) == JsonToken.FIELD_NAME) {
                String name = nested.currentName();
                JsonToken valueToken = nested.nextToken();
                FieldTrie child = trie.child(name);
                if (child == null) {
                    nested.skipChildren();
                } else if (object.put(name, readValue(nested, valueToken, child)) == null && --remaining == 0) {
                    // The parser stands just after the value it returned (Jackson reads a separator lazily).
                    int position = offset + (int) nested.currentLocation().getCharOffset();
                    int verdict = JsonSkipper.skipObjectRest(chars, position, offset + length, trie.names());
                    if (verdict != JsonSkipper.UNDECIDED) {
                        return verdict == JsonSkipper.VALID ? object : null;
                    }
                }
            }
            return token == JsonToken.END_OBJECT && nested.nextToken() == null ? object : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** The projected object when the whole text is one valid JSON object, else null. */
    static Object parseObject(JsonParser nested, FieldTrie trie) {
        try (nested) {
            Object object = readValue(nested, nested.nextToken(), trie);
            return nested.nextToken() == null ? object : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean startsWithBrace(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }

    private static boolean startsWithBrace(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }
}
