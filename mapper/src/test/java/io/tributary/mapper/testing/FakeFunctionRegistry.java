package io.tributary.mapper.testing;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionRegistry;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Functions by name, found by name, ARN, qualified ARN or partial ARN as Lambda does. They cannot be invoked. */
public final class FakeFunctionRegistry implements FunctionRegistry {
    public static final String PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();

    public FakeFunctionRegistry add(String name, Duration timeout) {
        FunctionConfig config = new FunctionConfig(
                name, PREFIX + name, timeout, 128, Map.of(), OptionalInt.empty(), new ExecutorConfig("fake", Map.of()));
        functions.put(name, new LambdaFunction() {
            @Override
            public FunctionConfig config() {
                return config;
            }

            @Override
            public Optional<String> failure() {
                return Optional.empty();
            }

            @Override
            public CompletableFuture<InvocationResult> invoke(String requestId, Payload event) {
                throw new UnsupportedOperationException("control-plane tests do not invoke functions");
            }
        });
        return this;
    }

    public FakeFunctionRegistry add(String name) {
        return add(name, FunctionConfig.DEFAULT_TIMEOUT);
    }

    public void remove(String name) {
        functions.remove(name);
    }

    @Override
    public Optional<LambdaFunction> find(String nameOrArn) {
        String name = nameOrArn;
        int at = nameOrArn.indexOf(":function:");
        if (at >= 0) {
            name = nameOrArn.substring(at + ":function:".length());
            int colon = name.indexOf(':');
            if (colon >= 0) {
                name = name.substring(0, colon);
            }
        }
        return Optional.ofNullable(functions.get(name));
    }
}
