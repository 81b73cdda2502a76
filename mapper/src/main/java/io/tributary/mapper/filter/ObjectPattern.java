package io.tributary.mapper.filter;

import java.util.List;
import java.util.Map;

/**
 * A compiled JSON object of a pattern: every key must match (AND), and when the object has a {@code $or} at least one
 * of its alternatives must match the same record object.
 */
record ObjectPattern(Map<String, FieldPattern> fields, List<ObjectPattern> anyOf) {
    ObjectPattern {
        fields = Map.copyOf(fields);
        anyOf = List.copyOf(anyOf);
    }

    boolean matches(Map<?, ?> object) {
        for (Map.Entry<String, FieldPattern> field : fields.entrySet()) {
            if (!field.getValue().matches(object.get(field.getKey()))) {
                return false;
            }
        }
        return anyOfMatches(object);
    }

    boolean anyOfMatches(Map<?, ?> object) {
        if (anyOf.isEmpty()) {
            return true;
        }
        for (ObjectPattern alternative : anyOf) {
            if (alternative.matches(object)) {
                return true;
            }
        }
        return false;
    }
}
