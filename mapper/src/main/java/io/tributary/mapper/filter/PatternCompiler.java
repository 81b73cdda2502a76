package io.tributary.mapper.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.filter.JsonValues.JsonNumber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one {@code Filters[].Pattern} string into an {@link ObjectPattern}, rejecting everything Lambda or
 * EventBridge rejects. Every rejection is an {@link InvalidPatternException}; {@link FilterCriteria} turns it into
 * AWS's {@code InvalidParameterValueException: Invalid filter pattern definition.}
 */
final class PatternCompiler {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String OR = "$or";

    private PatternCompiler() {}

    /** Thrown for a pattern that does not compile; the message says why (for logs and tests, not for the API). */
    static final class InvalidPatternException extends Exception {
        InvalidPatternException(String reason) {
            super(reason, null, false, false);
        }
    }

    static ObjectPattern compile(SourceKind kind, String text) throws InvalidPatternException {
        if (text == null || text.isBlank()) {
            throw new InvalidPatternException("the pattern is empty");
        }
        Object json;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidPatternException("the pattern is not a JSON object");
            }
            json = JsonValues.readFully(parser);
            if (parser.nextToken() != null) {
                throw new InvalidPatternException("text after the pattern's JSON object");
            }
        } catch (IOException notJson) {
            throw new InvalidPatternException("the pattern is not valid JSON: " + notJson.getMessage());
        }
        ObjectPattern pattern = object(asMap(json));
        checkDataKey(kind, pattern);
        return pattern;
    }

    /**
     * Kinesis and DynamoDB need a JSON (object) filter on their data key: "If the filter criteria for the data field
     * is not valid JSON, Lambda returns an error when you create the event source mapping".
     */
    private static void checkDataKey(SourceKind kind, ObjectPattern pattern) throws InvalidPatternException {
        String dataKey =
                switch (kind) {
                    case KINESIS -> "data";
                    case DYNAMODB -> "dynamodb";
                    default -> null;
                };
        if (dataKey == null) {
            return;
        }
        FieldPattern data = pattern.fields().get(dataKey);
        if (data != null && !data.expectsObject()) {
            throw new InvalidPatternException("the " + dataKey + " filter must be a JSON object for " + kind);
        }
        for (ObjectPattern alternative : pattern.anyOf()) {
            checkDataKey(kind, alternative);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    private static ObjectPattern object(Map<String, Object> json) throws InvalidPatternException {
        if (json.isEmpty()) {
            throw new InvalidPatternException("empty objects are not allowed");
        }
        Map<String, FieldPattern> fields = new LinkedHashMap<>();
        List<ObjectPattern> anyOf = List.of();
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            Object value = entry.getValue();
            if (entry.getKey().equals(OR) && value instanceof List<?> alternatives) {
                anyOf = or(alternatives);
            } else if (value instanceof Map<?, ?> nested) {
                fields.put(entry.getKey(), new FieldPattern.Nested(object(asMap(nested))));
            } else if (value instanceof List<?> leaf) {
                fields.put(entry.getKey(), leaf(leaf));
            } else {
                throw new InvalidPatternException(
                        "the value of \"" + entry.getKey() + "\" must be an array or an object");
            }
        }
        return new ObjectPattern(fields, anyOf);
    }

    /** {@code "$or": [ {...}, {...} ]}: at least two alternatives (EventBridge). */
    private static List<ObjectPattern> or(List<?> alternatives) throws InvalidPatternException {
        if (alternatives.size() < 2) {
            throw new InvalidPatternException("$or needs at least two alternatives");
        }
        List<ObjectPattern> compiled = new ArrayList<>();
        for (Object alternative : alternatives) {
            if (!(alternative instanceof Map<?, ?> map)) {
                throw new InvalidPatternException("each $or alternative must be an object");
            }
            compiled.add(object(asMap(map)));
        }
        return compiled;
    }

    private static FieldPattern leaf(List<?> values) throws InvalidPatternException {
        if (values.isEmpty()) {
            throw new InvalidPatternException("empty arrays are not allowed");
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Map<?, ?> operator) {
                matchers.add(operator(asMap(operator)));
            } else if (value instanceof List<?>) {
                throw new InvalidPatternException("arrays inside a match list are not allowed");
            } else {
                matchers.add(new ValueMatcher.Exact(value));
            }
        }
        return FieldPattern.Leaf.of(matchers);
    }

    private static ValueMatcher operator(Map<String, Object> json) throws InvalidPatternException {
        if (json.size() != 1) {
            throw new InvalidPatternException("a match expression must have exactly one operator");
        }
        Map.Entry<String, Object> entry = json.entrySet().iterator().next();
        Object operand = entry.getValue();
        return switch (entry.getKey()) {
            case "prefix" -> affix(operand, true);
            case "suffix" -> affix(operand, false);
            case "equals-ignore-case" -> new ValueMatcher.EqualsIgnoreCase(string(operand, "equals-ignore-case"));
            case "wildcard" -> wildcard(operand);
            case "anything-but" -> anythingBut(operand);
            case "numeric" -> NumericCompiler.numeric(operand);
            case "exists" -> {
                if (!(operand instanceof Boolean present)) {
                    throw new InvalidPatternException("exists takes true or false");
                }
                yield new ValueMatcher.Exists(present);
            }
                // cidr is an EventBridge operator that neither Lambda nor EventBridge Pipes lists for filters.
            default -> throw new InvalidPatternException("unsupported operator \"" + entry.getKey() + "\"");
        };
    }

    /** {@code "prefix": "x"} or {@code "prefix": {"equals-ignore-case": "x"}}, and the same for suffix. */
    private static ValueMatcher affix(Object operand, boolean prefix) throws InvalidPatternException {
        String name = prefix ? "prefix" : "suffix";
        boolean ignoreCase = false;
        String value;
        if (operand instanceof Map<?, ?> nested) {
            if (nested.size() != 1 || !nested.containsKey("equals-ignore-case")) {
                throw new InvalidPatternException(name + " takes a string or {\"equals-ignore-case\": string}");
            }
            value = string(nested.get("equals-ignore-case"), name);
            ignoreCase = true;
        } else {
            value = string(operand, name);
        }
        return prefix ? new ValueMatcher.Prefix(value, ignoreCase) : new ValueMatcher.Suffix(value, ignoreCase);
    }

    private static ValueMatcher wildcard(Object operand) throws InvalidPatternException {
        WildcardPattern pattern = WildcardPattern.parse(string(operand, "wildcard"));
        if (pattern == null) {
            throw new InvalidPatternException("invalid wildcard (consecutive * or a bad \\ escape)");
        }
        return new ValueMatcher.Wildcard(pattern);
    }

    private static ValueMatcher anythingBut(Object operand) throws InvalidPatternException {
        if (operand instanceof Map<?, ?> nested) {
            return anythingButOperator(asMap(nested));
        }
        List<?> values = operand instanceof List<?> list ? list : List.of(operand);
        if (values.isEmpty()) {
            throw new InvalidPatternException("anything-but needs at least one value");
        }
        Set<String> strings = new HashSet<>();
        Set<Double> numbers = new HashSet<>();
        for (Object value : values) {
            if (value instanceof String s) {
                strings.add(s);
            } else if (value instanceof JsonNumber n) {
                numbers.add(n.value() == 0.0 ? 0.0 : n.value());
            } else {
                throw new InvalidPatternException("anything-but takes strings or numbers");
            }
        }
        if (!strings.isEmpty() && !numbers.isEmpty()) {
            throw new InvalidPatternException("an anything-but list must hold only strings or only numbers");
        }
        return new ValueMatcher.AnythingBut(strings, numbers);
    }

    /** {@code "anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": ...}} (EventBridge semantics). */
    private static ValueMatcher anythingButOperator(Map<String, Object> json) throws InvalidPatternException {
        if (json.size() != 1) {
            throw new InvalidPatternException("anything-but takes exactly one operator");
        }
        Map.Entry<String, Object> entry = json.entrySet().iterator().next();
        String name = entry.getKey();
        Object operand = entry.getValue();
        ValueMatcher inner =
                switch (name) {
                    case "prefix" -> new ValueMatcher.Prefix(string(operand, name), false);
                    case "suffix" -> new ValueMatcher.Suffix(string(operand, name), false);
                    case "equals-ignore-case", "wildcard" -> {
                        List<?> values = operand instanceof List<?> list ? list : List.of(operand);
                        if (values.isEmpty()) {
                            throw new InvalidPatternException("anything-but " + name + " needs a value");
                        }
                        List<ValueMatcher> any = new ArrayList<>();
                        for (Object value : values) {
                            any.add(
                                    name.equals("wildcard")
                                            ? wildcard(value)
                                            : new ValueMatcher.EqualsIgnoreCase(string(value, name)));
                        }
                        yield any.size() == 1 ? any.get(0) : new ValueMatcher.AnyOf(any);
                    }
                    default -> throw new InvalidPatternException("unsupported anything-but operator \"" + name + "\"");
                };
        return new ValueMatcher.AnythingButString(inner);
    }

    private static String string(Object operand, String operator) throws InvalidPatternException {
        if (!(operand instanceof String s)) {
            throw new InvalidPatternException(operator + " takes a string");
        }
        return s;
    }
}
