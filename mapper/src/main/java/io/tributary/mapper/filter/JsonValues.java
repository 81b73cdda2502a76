package io.tributary.mapper.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small value model that both patterns and projected records are read into: {@code Map<String, Object>} for
 * objects, {@code List<Object>} for arrays, {@link String}, {@link JsonNumber}, {@link Boolean} and {@link #NULL}.
 *
 * <p>Numbers keep their JSON text because exact matching compares numbers by their string form ({@code 300},
 * {@code 300.0} and {@code 3.0e2} are different values), while {@code numeric} compares their values
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
final class JsonValues {
    /** JSON {@code null}: a value that is present, unlike a missing key. */
    static final Object NULL = Marker.NULL;
    /** An object value whose fields no pattern looks at (not a leaf, so only {@code exists:false} holds). */
    static final Object OPAQUE_OBJECT = Marker.OPAQUE_OBJECT;
    /** A Kafka/MQ/Kinesis payload that is not valid base64 or UTF-8: neither a string nor JSON. */
    static final Object UNDECODABLE = Marker.UNDECODABLE;

    private enum Marker {
        NULL,
        OPAQUE_OBJECT,
        UNDECODABLE
    }

    private JsonValues() {}

    /** A JSON number: its text as written, its value parsed on first use. */
    static final class JsonNumber {
        private final String text;
        private double value = Double.NaN;
        private boolean parsed;

        JsonNumber(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        double value() {
            if (!parsed) {
                value = Double.parseDouble(text);
                parsed = true;
            }
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JsonNumber n && n.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** True when {@code value} is an object (projected or opaque): not a leaf node. */
    static boolean isObject(Object value) {
        return value instanceof Map<?, ?> || value == OPAQUE_OBJECT;
    }

    /** Reads the whole value at the parser's current token (used for patterns). Duplicate keys: the last one wins. */
    static Object readFully(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readFully(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readFully(parser));
                }
                return array;
            }
            default -> {
                return scalar(parser, token);
            }
        }
    }

    /** The scalar at the parser's current token. */
    static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected JSON token " + token);
        };
    }
}
