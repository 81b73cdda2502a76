package io.tributary.invoker;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Function configurations for tests, with Tributary's default region and account. */
public final class TestFunctions {
    public static final String ACCOUNT = "000000000000";

    private TestFunctions() {}

    public static String arn(String name) {
        return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name;
    }

    public static FunctionConfig function(String name, String type, Map<String, Object> executor) {
        return function(name, Duration.ofSeconds(3), Map.of(), OptionalInt.empty(), type, executor);
    }

    public static FunctionConfig function(
            String name,
            Duration timeout,
            Map<String, String> environment,
            OptionalInt reservedConcurrency,
            String type,
            Map<String, Object> executor) {
        return new FunctionConfig(
                name, arn(name), timeout, 256, environment, reservedConcurrency, new ExecutorConfig(type, executor));
    }
}
