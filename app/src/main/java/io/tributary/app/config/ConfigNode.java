package io.tributary.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One value of the config file with its key path ({@code Functions[1].Timeout}), read strictly: every accessor
 * checks the YAML type and range and throws a {@link ConfigFileException} naming the key when it is wrong. A key that
 * is absent or written with no value ({@code Timeout:}) reads as absent.
 */
final class ConfigNode {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,10}");

    private final String source;
    private final String path;
    private final JsonNode node;

    ConfigNode(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    String path() {
        return path;
    }

    boolean isList() {
        return node.isArray();
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** Whether the key is in the file at all, even with no value ({@code S3:} alone). */
    boolean written() {
        return !node.isMissingNode();
    }

    ConfigFileException error(String problem) {
        return new ConfigFileException(source, path.isEmpty() ? "(top level)" : path, problem);
    }

    /** The value of {@code key} in this mapping (absent when this node is absent). */
    ConfigNode get(String key) {
        return new ConfigNode(source, path.isEmpty() ? key : path + "." + key, node.get(key));
    }

    /** Checks that this is a mapping whose keys are all in {@code allowed}; names the first other key. */
    ConfigNode requireMapping(Set<String> allowed) {
        return requireMapping(allowed, Map.of());
    }

    /**
     * Like {@link #requireMapping(Set)}, with a specific problem for some keys that are not allowed (a CloudFormation
     * property Tributary does not support, a key that belongs elsewhere).
     */
    ConfigNode requireMapping(Set<String> allowed, Map<String, String> problems) {
        if (!node.isObject()) {
            throw error("must be a mapping of keys ("
                    + allowed.stream().sorted().collect(Collectors.joining(", ")) + "), got " + describe());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw get(name).error(problems.getOrDefault(name, unknownKey(name, allowed)));
            }
        }
        return this;
    }

    /** {@link #requireMapping(Set)} when the value is given; an absent value reads as an empty mapping. */
    ConfigNode requireMappingIfPresent(Set<String> allowed) {
        return present() ? requireMapping(allowed) : this;
    }

    /** The entries of a mapping with any keys, in file order. */
    Map<String, ConfigNode> entries() {
        if (!present()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error("must be a mapping of names to values, got " + describe());
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> entries.put(e.getKey(), get(e.getKey())));
        return entries;
    }

    /** The items of a list (empty when absent). */
    List<ConfigNode> items() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list (items starting with \"- \"), got " + describe());
        }
        List<ConfigNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(source, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    Optional<String> string() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw error("must be a single value, got " + describe());
        }
        return Optional.of(node.asText());
    }

    String requiredString() {
        String value = string().orElseThrow(() -> error("is required"));
        if (value.isBlank()) {
            throw error("must not be empty");
        }
        return value;
    }

    /** A text value matching {@code pattern}; {@code shape} says what is expected, e.g. {@code a queue name}. */
    String requiredString(Pattern pattern, String shape) {
        String value = requiredString();
        if (!pattern.matcher(value).matches()) {
            throw error("must be " + shape + ", got \"" + value + "\"");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; YAML numbers and quoted numbers ({@code "30"}) both count. */
    Optional<Integer> integer(long min, long max) {
        if (!present()) {
            return Optional.empty();
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual()
                && WHOLE_NUMBER.matcher(node.asText().trim()).matches()) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw error("must be a whole number from " + min + " to " + max + ", got " + describe());
        }
        if (value < min || value > max) {
            throw error("must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return Optional.of((int) value);
    }

    /** {@code true} or {@code false}, unquoted or quoted. */
    Optional<Boolean> bool() {
        if (!present()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        if (node.isTextual() && Set.of("true", "false").contains(node.asText().toLowerCase())) {
            return Optional.of(Boolean.parseBoolean(node.asText()));
        }
        throw error("must be true or false, got " + describe());
    }

    /**
     * A value that AWS takes as a JSON string (a filter pattern, a redrive policy): either that string, or the same
     * structure written as YAML, which is turned into JSON.
     */
    Optional<String> jsonText() {
        if (!present()) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            try {
                return Optional.of(JSON.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw error("cannot be written as JSON: " + e.getOriginalMessage());
            }
        }
        return string();
    }

    /** The value as plain Java (text, {@code List}, {@code Map}), for settings that another component validates. */
    Object plain() {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries()
                    .forEach((key, value) -> map.put(key, value.requirePresent().plain()));
            return Map.copyOf(map);
        }
        if (node.isArray()) {
            return items().stream().map(item -> item.requirePresent().plain()).toList();
        }
        return requirePresent().string().orElseThrow();
    }

    private ConfigNode requirePresent() {
        if (!present()) {
            throw error("has no value");
        }
        return this;
    }

    /** How the value reads, for error messages: {@code the text "abc"}, {@code a list}, {@code 12.5}. */
    String describe() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        return node.asText();
    }

    private static String unknownKey(String name, Set<String> allowed) {
        Optional<String> sameButCase =
                allowed.stream().filter(a -> a.equalsIgnoreCase(name)).findFirst();
        if (sameButCase.isPresent()) {
            return "unknown key; did you mean " + sameButCase.get() + "? (keys are case-sensitive)";
        }
        return "unknown key; the keys allowed here are "
                + allowed.stream().sorted().collect(Collectors.joining(", "));
    }
}
