package io.tributary.mapper.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * The union of the keys that any filter names, as a tree. The record projector reads only these keys and skips the
 * rest of the record, so the cost of matching depends on the pattern, not on the record's size.
 */
final class FieldTrie {
    private final Map<String, FieldTrie> children = new HashMap<>();

    static FieldTrie of(Iterable<ObjectPattern> patterns) {
        FieldTrie root = new FieldTrie();
        for (ObjectPattern pattern : patterns) {
            root.add(pattern);
        }
        return root;
    }

    private void add(ObjectPattern pattern) {
        pattern.fields().forEach((name, field) -> {
            FieldTrie child = children.computeIfAbsent(name, n -> new FieldTrie());
            if (field instanceof FieldPattern.Nested nested) {
                child.add(nested.pattern());
            }
        });
        pattern.anyOf().forEach(this::add);
    }

    /** The sub-tree for {@code name}, or null when no pattern names it. */
    FieldTrie child(String name) {
        return children.get(name);
    }

    private volatile String[] names;

    /** The keys named at this level, for {@link JsonSkipper} (computed once the trie is built; do not modify). */
    String[] names() {
        String[] result = names;
        if (result == null) {
            result = children.keySet().toArray(new String[0]);
            names = result;
        }
        return result;
    }

    int size() {
        return children.size();
    }

    boolean isEmpty() {
        return children.isEmpty();
    }
}
