package io.tributary.api;

import java.util.Map;
import java.util.Objects;

/**
 * Which executor runs a function and its settings, as written under {@code Executor:} in the config file. The
 * {@link ExecutorFactory} registered for {@code type} reads and validates {@code properties}.
 *
 * @param type the executor type, e.g. {@code java} or {@code http}
 * @param properties the other keys of the {@code Executor} block (values are strings, lists or maps, as in YAML)
 */
public record ExecutorConfig(String type, Map<String, Object> properties) {
    public ExecutorConfig {
        Objects.requireNonNull(type, "type");
        properties = Map.copyOf(properties);
    }
}
