package io.tributary.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} options of a benchmark command. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    public int integer(String key, int defaultValue) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : defaultValue;
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public List<Integer> integers(String key, String defaultValue) {
        List<Integer> list = new ArrayList<>();
        for (String part : string(key, defaultValue).split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return list;
    }

    public List<String> strings(String key, String defaultValue) {
        return List.of(string(key, defaultValue).split(","));
    }
}
