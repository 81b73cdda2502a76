package io.tributary.api;

/**
 * A configuration value is missing or wrong. {@code key} is the path of the offending key in the config file, e.g.
 * {@code Functions[0].Executor.Url}, so the message can say exactly where to look.
 */
public class ConfigException extends TributaryException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
