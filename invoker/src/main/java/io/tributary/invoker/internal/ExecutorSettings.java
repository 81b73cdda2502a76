package io.tributary.invoker.internal;

import io.tributary.api.ConfigException;
import io.tributary.api.FunctionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the keys of a function's {@code Executor} block and names the offending key when one is wrong. Keys are named
 * relative to the function ({@code Executor.Url}); {@code Functions} prefixes them with {@code Functions[<index>].}.
 */
public final class ExecutorSettings {
    private final String type;
    private final Map<String, Object> properties;

    private ExecutorSettings(String type, Map<String, Object> properties) {
        this.type = type;
        this.properties = properties;
    }

    /**
     * @throws ConfigException for a key this executor does not read (a typo would otherwise be silently ignored)
     */
    public static ExecutorSettings of(FunctionConfig function, Set<String> knownKeys) {
        Map<String, Object> properties = function.executor().properties();
        for (String key : properties.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new ConfigException(
                        key(key),
                        "unknown key for an executor of Type "
                                + function.executor().type() + "; it reads "
                                + String.join(", ", new TreeSet<>(knownKeys)));
            }
        }
        return new ExecutorSettings(function.executor().type(), properties);
    }

    /** {@code Executor.<name>}, the key as written under a function. */
    public static String key(String name) {
        return "Executor." + name;
    }

    public String requiredString(String name, String example) {
        return optionalString(name)
                .orElseThrow(() -> new ConfigException(
                        key(name), "missing; the " + type + " executor needs it, e.g. " + name + ": " + example));
    }

    public Optional<String> optionalString(String name) {
        Object value = properties.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(key(name), "must be a string, not " + describe(value));
        }
        if (text.isBlank()) {
            throw new ConfigException(key(name), "must not be empty");
        }
        return Optional.of(text.strip());
    }

    /** A list of strings, or a single string taken as a one-element list; empty when absent. */
    public List<String> stringList(String name) {
        Object value = properties.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.strip());
        }
        if (!(value instanceof List<?> items)) {
            throw new ConfigException(key(name), "must be a list of strings, not " + describe(value));
        }
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String text) || text.isBlank()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a non-empty string");
            }
            strings.add(text.strip());
        }
        return List.copyOf(strings);
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
