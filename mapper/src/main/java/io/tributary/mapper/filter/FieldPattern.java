package io.tributary.mapper.filter;

import java.util.List;
import java.util.Map;

/** What a pattern says about one key: either a nested object pattern or a leaf list of matchers (ORed). */
sealed interface FieldPattern {

    /** Whether the record value at this key (null when the key is missing) satisfies this pattern. */
    boolean matches(Object value);

    /** True for a nested pattern, i.e. one that expects a JSON object at this key. */
    boolean expectsObject();

    /** {@code "key": { ... }}. */
    record Nested(ObjectPattern pattern) implements FieldPattern {
        @Override
        public boolean matches(Object value) {
            if (value instanceof Map<?, ?> object) {
                return pattern.matches(object);
            }
            if (value instanceof List<?> array) {
                // Arrays of objects: the conditions must hold within one element (EventBridge array consistency).
                boolean sawObject = false;
                for (Object element : array) {
                    if (element instanceof Map<?, ?> object) {
                        sawObject = true;
                        if (pattern.matches(object)) {
                            return true;
                        }
                    } else if (element instanceof List<?> && matches(element)) {
                        return true;
                    }
                }
                if (sawObject) {
                    return false;
                }
            }
            // Missing, a scalar, or an array without objects: nested keys are all absent, so only exists:false holds.
            return pattern.matches(Map.of());
        }

        @Override
        public boolean expectsObject() {
            return true;
        }
    }

    /** {@code "key": [ matcher, ... ]}. */
    record Leaf(List<ValueMatcher> matchers, boolean hasExistsFalse) implements FieldPattern {
        public Leaf {
            matchers = List.copyOf(matchers);
        }

        static Leaf of(List<ValueMatcher> matchers) {
            return new Leaf(matchers, matchers.contains(new ValueMatcher.Exists(false)));
        }

        @Override
        public boolean matches(Object value) {
            if (value == null || JsonValues.isObject(value) || value == JsonValues.UNDECODABLE) {
                return hasExistsFalse;
            }
            if (value instanceof List<?> array) {
                return matchesArray(array) || (hasExistsFalse && !hasScalar(array));
            }
            return matchesScalar(value);
        }

        private boolean matchesArray(List<?> array) {
            for (Object element : array) {
                if (element instanceof List<?> inner) {
                    if (matchesArray(inner)) {
                        return true;
                    }
                } else if (!JsonValues.isObject(element) && matchesScalar(element)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasScalar(List<?> array) {
            for (Object element : array) {
                if (element instanceof List<?> inner ? hasScalar(inner) : !JsonValues.isObject(element)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesScalar(Object scalar) {
            for (ValueMatcher matcher : matchers) {
                if (matcher.test(scalar)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean expectsObject() {
            return false;
        }
    }
}
