package io.tributary.mapper.filter;

import java.util.Arrays;

/**
 * Checks, without building anything, that the rest of a JSON object is valid: used for an SQS body once every key the
 * filters name has been read, because AWS treats a body as JSON only when the whole body is one valid JSON object
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-sqs).
 *
 * <p>Its verdict is the one Jackson's {@link com.fasterxml.jackson.core.JsonFactory} gives with default features
 * (RFC 8259 only: no comments, no trailing commas, no NaN, no leading zeros, no unescaped control characters) and
 * default {@link com.fasterxml.jackson.core.StreamReadConstraints} (nesting depth, number and name length):
 * JsonSkipperTest compares both on many inputs. Strings are not decoded and numbers not parsed, which is what makes
 * it cheaper than tokenizing.
 */
final class JsonSkipper {
    /** The rest is one valid end of the object followed only by whitespace. */
    static final int VALID = 0;
    /** The rest is not valid JSON: the body is a plain string for filtering. */
    static final int INVALID = 1;
    /**
     * Jackson must decide from the member where the skipper stopped: a key of the outer object may be a key the
     * filters name again (a duplicate replaces the value read), or a number is long enough for Jackson's length limit,
     * whose exact count differs between its number paths, to matter.
     */
    static final int UNDECIDED = 2;

    // StreamReadConstraints defaults (Jackson 2.19): DEFAULT_MAX_DEPTH, DEFAULT_MAX_NUM_LEN, DEFAULT_MAX_NAME_LEN.
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;
    /** Numbers with more digits than this give {@link #UNDECIDED} (far from any real message, so never in practice). */
    static final int LONG_NUMBER = MAX_NUMBER_LENGTH - 10;

    static final int MAX_NAME_LENGTH = 50_000;

    private final char[] chars;
    private final int end;
    private final String[] namedKeys;
    private int pos;
    private boolean longNumber;

    private JsonSkipper(char[] chars, int pos, int end, String[] namedKeys) {
        this.chars = chars;
        this.pos = pos;
        this.end = end;
        this.namedKeys = namedKeys;
    }

    /**
     * The verdict on {@code chars[pos, end)}, which follows a member value of an object at nesting depth 1: it must be
     * more members, each after a comma, then the closing brace and only whitespace. A key of that object that is one
     * of {@code namedKeys}, or that holds an escape, gives {@link #UNDECIDED} when the rest is valid up to it.
     */
    static int skipObjectRest(char[] chars, int pos, int end, String[] namedKeys) {
        return new JsonSkipper(chars, pos, end, namedKeys).objectRest();
    }

    private int objectRest() {
        // stack[d] is true when the container at depth d is an object; depth 1 is the outer object.
        boolean[] stack = new boolean[16];
        stack[1] = true;
        int depth = 1;
        while (true) {
            // After a value inside the container at the top of the stack.
            int c = nextNonSpace();
            boolean inObject = stack[depth];
            if (c == ',') {
                if (inObject) {
                    int member = member(depth == 1);
                    if (member != VALID) {
                        return member;
                    }
                }
            } else if (c == (inObject ? '}' : ']')) {
                if (--depth == 0) {
                    return nextNonSpace() == -1 ? VALID : INVALID;
                }
                continue;
            } else {
                return INVALID;
            }
            // Expecting a value; containers are entered here until a scalar or an empty container ends the value.
            while (true) {
                c = nextNonSpace();
                if (c != '{' && c != '[') {
                    if (!scalar(c)) {
                        return longNumber ? UNDECIDED : INVALID;
                    }
                    break;
                }
                if (depth == MAX_DEPTH) {
                    return INVALID;
                }
                boolean object = c == '{';
                if (++depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth] = object;
                int first = nextNonSpace();
                if (first == -1) {
                    return INVALID;
                }
                if (first == (object ? '}' : ']')) {
                    depth--;
                    break;
                }
                pos--;
                if (object) {
                    int member = member(false);
                    if (member != VALID) {
                        return member;
                    }
                }
            }
        }
    }

    /** Reads {@code "name" :}; at depth 1 a name the filters may use gives {@link #UNDECIDED}. */
    private int member(boolean outer) {
        if (nextNonSpace() != '"') {
            return INVALID;
        }
        int start = pos;
        if (!skipString(true)) {
            return INVALID;
        }
        if (outer && isNamed(start, pos - 1)) {
            return UNDECIDED;
        }
        return nextNonSpace() == ':' ? VALID : INVALID;
    }

    private boolean scalar(int c) {
        switch (c) {
            case '"':
                return skipString(false);
            case 't':
                return literal("rue");
            case 'f':
                return literal("alse");
            case 'n':
                return literal("ull");
            default:
                return (c == '-' || (c >= '0' && c <= '9')) && number(c);
        }
    }

    /** The rest of a literal; what follows it is checked by the caller (a separator or a closing bracket). */
    private boolean literal(String rest) {
        int length = rest.length();
        if (end - pos < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[pos + i] != rest.charAt(i)) {
                return false;
            }
        }
        pos += length;
        return true;
    }

    /** RFC 8259 number from its first character {@code c}; Jackson limits the count of its digits. */
    private boolean number(int c) {
        if (c == '-') {
            if (pos == end) {
                return false;
            }
            c = chars[pos++];
        }
        int digits;
        if (c == '0') {
            digits = 1;
            if (pos < end && isDigit(chars[pos])) {
                return false; // leading zeros are rejected
            }
        } else if (c >= '1' && c <= '9') {
            digits = 1 + digitRun();
        } else {
            return false;
        }
        if (pos < end && chars[pos] == '.') {
            pos++;
            int fraction = digitRun();
            if (fraction == 0) {
                return false;
            }
            digits += fraction;
        }
        if (pos < end && (chars[pos] == 'e' || chars[pos] == 'E')) {
            pos++;
            if (pos < end && (chars[pos] == '+' || chars[pos] == '-')) {
                pos++;
            }
            int exponent = digitRun();
            if (exponent == 0) {
                return false;
            }
            digits += exponent;
        }
        longNumber = digits > LONG_NUMBER;
        return !longNumber;
    }

    private int digitRun() {
        int start = pos;
        while (pos < end && isDigit(chars[pos])) {
            pos++;
        }
        return pos - start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Skips a string after its opening quote: no control characters, only RFC 8259 escapes. */
    private boolean skipString(boolean name) {
        int length = 0;
        while (pos < end) {
            char c = chars[pos++];
            if (c == '"') {
                return !name || length <= MAX_NAME_LENGTH;
            }
            if (c == '\\') {
                if (pos == end) {
                    return false;
                }
                char escaped = chars[pos++];
                if (escaped == 'u') {
                    if (end - pos < 4) {
                        return false;
                    }
                    for (int i = 0; i < 4; i++) {
                        char h = chars[pos++];
                        if (!isDigit(h) && (h < 'a' || h > 'f') && (h < 'A' || h > 'F')) {
                            return false;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    return false;
                }
            } else if (c < 0x20) {
                return false;
            }
            length++;
        }
        return false;
    }

    /** Whether the raw key {@code chars[from, to)} may equal a named key (a key with an escape may, once decoded). */
    private boolean isNamed(int from, int to) {
        if (namedKeys.length == 0) {
            return false;
        }
        int length = to - from;
        for (int i = from; i < to; i++) {
            if (chars[i] == '\\') {
                return true;
            }
        }
        for (String key : namedKeys) {
            if (key.length() == length && equals(key, from)) {
                return true;
            }
        }
        return false;
    }

    private boolean equals(String key, int from) {
        for (int i = 0; i < key.length(); i++) {
            if (chars[from + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int nextNonSpace() {
        while (pos < end) {
            char c = chars[pos++];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
        }
        return -1;
    }
}
