package io.tributary.app.config;

import io.tributary.api.ConfigException;
import io.tributary.api.TributaryException;
import java.util.Objects;

/**
 * The config file is wrong: {@code <file>: <key>: <problem>}, e.g.
 * {@code tributary.yaml: Functions[1].Timeout: must be a whole number from 1 to 900, got 1000}. For YAML syntax errors
 * the key is the position, {@code line 7, column 3}. The service prints the message and exits with status 2.
 */
public final class ConfigFileException extends TributaryException {
    private final String source;
    private final String key;
    private final String problem;

    /**
     * @param source the config file as the user named it, or {@code <built-in demo>}
     * @param key the path of the offending key, e.g. {@code EventSourceMappings[0].BatchSize}
     * @param problem what is wrong, in words a user understands
     */
    public ConfigFileException(String source, String key, String problem) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(key, "key") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.source = source;
        this.key = key;
        this.problem = problem;
    }

    /**
     * A component's own config error (e.g. an executor rejecting {@code Executor.Url}), placed in the file: {@code
     * keyPrefix} is where that component's settings sit, e.g. {@code Functions[2]}, and is put before the exception's
     * key unless the key already starts with it.
     */
    public static ConfigFileException of(String source, String keyPrefix, ConfigException e) {
        String key = e.key().startsWith(keyPrefix) ? e.key() : keyPrefix + "." + e.key();
        String message = e.getMessage();
        String problem =
                message.startsWith(e.key() + ": ") ? message.substring(e.key().length() + 2) : message;
        return new ConfigFileException(source, key, problem);
    }

    public String source() {
        return source;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
