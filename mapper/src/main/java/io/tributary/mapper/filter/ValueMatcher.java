package io.tributary.mapper.filter;

import io.tributary.mapper.filter.JsonValues.JsonNumber;
import java.util.Set;

/**
 * One element of a leaf array in a pattern, e.g. {@code "prefix"} in {@code "Region": [{"prefix": "us-"}]}. A leaf
 * matches when any of its matchers accepts any scalar value found at that key (record arrays are "crushed": each
 * element is tried).
 *
 * <p>Semantics follow the Lambda filter rule syntax
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax) and, for operators
 * Lambda does not document, EventBridge's comparison operators
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
 */
sealed interface ValueMatcher {

    /** Whether this matcher accepts a scalar value (String, JsonNumber, Boolean or {@link JsonValues#NULL}). */
    boolean test(Object scalar);

    /** Exact match. Strings compare by characters, numbers by their JSON text, so a number never equals "5". */
    record Exact(Object value) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return value.equals(scalar);
        }
    }

    /** {@code {"prefix": "us-"}} or {@code {"prefix": {"equals-ignore-case": "us-"}}}: strings only. */
    record Prefix(String prefix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return scalar instanceof String s && s.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /** {@code {"suffix": ".png"}} or {@code {"suffix": {"equals-ignore-case": ".PNG"}}}: strings only. */
    record Suffix(String suffix, boolean ignoreCase) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return scalar instanceof String s
                    && s.length() >= suffix.length()
                    && s.regionMatches(ignoreCase, s.length() - suffix.length(), suffix, 0, suffix.length());
        }
    }

    /** {@code {"equals-ignore-case": "alice"}}: strings only. */
    record EqualsIgnoreCase(String value) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return scalar instanceof String s && s.equalsIgnoreCase(value);
        }
    }

    /** {@code {"wildcard": "dir/*.png"}}: strings only; EventBridge semantics. */
    record Wildcard(WildcardPattern pattern) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return scalar instanceof String s && pattern.matches(s);
        }
    }

    /**
     * {@code {"numeric": [">", 0, "<=", 5]}}: JSON numbers only (a numeric string never matches), compared by value,
     * so {@code 301.8} equals {@code 3.018e2}.
     */
    record Numeric(double lower, boolean lowerInclusive, double upper, boolean upperInclusive) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            if (!(scalar instanceof JsonNumber n)) {
                return false;
            }
            double v = n.value();
            boolean aboveLower = lowerInclusive ? v >= lower : v > lower;
            boolean belowUpper = upperInclusive ? v <= upper : v < upper;
            return aboveLower && belowUpper;
        }
    }

    /**
     * {@code {"anything-but": "x"}}, {@code {"anything-but": ["a", "b"]}} or {@code {"anything-but": [100, 200]}}: any
     * present value except the listed ones. Numbers are compared by value (EventBridge and SNS semantics), strings by
     * characters; values of another type (booleans, null, a number against a string list) are "anything but".
     */
    record AnythingBut(Set<String> strings, Set<Double> numbers) implements ValueMatcher {
        public AnythingBut {
            strings = Set.copyOf(strings);
            numbers = Set.copyOf(numbers);
        }

        @Override
        public boolean test(Object scalar) {
            if (scalar instanceof String s) {
                return !strings.contains(s);
            }
            if (scalar instanceof JsonNumber n) {
                // +0.0 and -0.0 are the same number here.
                return !numbers.contains(n.value() == 0.0 ? 0.0 : n.value());
            }
            return true;
        }
    }

    /**
     * {@code {"anything-but": {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": ...}}}: any present value the inner
     * string matcher rejects. EventBridge semantics: Lambda does not document these forms and EventBridge Pipes lists
     * them as unsupported. A value that is not a string is "anything but" a string pattern.
     */
    record AnythingButString(ValueMatcher inner) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return !(scalar instanceof String) || !inner.test(scalar);
        }
    }

    /** OR of several string matchers, for {@code {"anything-but": {"equals-ignore-case": ["a", "b"]}}}. */
    record AnyOf(java.util.List<ValueMatcher> matchers) implements ValueMatcher {
        public AnyOf {
            matchers = java.util.List.copyOf(matchers);
        }

        @Override
        public boolean test(Object scalar) {
            for (ValueMatcher m : matchers) {
                if (m.test(scalar)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code {"exists": true|false}}: presence of a leaf value. A key whose value is an object is not a leaf
     * (EventBridge: exists only works on leaf nodes), so {@code exists:false} holds for it. JSON null is a present
     * value. Evaluated by {@link FieldPattern.Leaf}, not per scalar.
     */
    record Exists(boolean present) implements ValueMatcher {
        @Override
        public boolean test(Object scalar) {
            return present;
        }
    }
}
