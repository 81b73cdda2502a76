package io.tributary.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A function as Tributary knows it: Lambda's configuration members plus the executor that runs it.
 *
 * @param name the function name (1..64 characters, Lambda's pattern)
 * @param arn the unqualified function ARN, {@code arn:aws:lambda:<region>:<account>:function:<name>}
 * @param timeout the function timeout, 1..900 seconds (Lambda's default 3 s)
 * @param memorySizeMb reported to the function in its context, 128..10240 (default 128)
 * @param environment the function's environment variables
 * @param reservedConcurrency bounds concurrent invocations across all mappings; empty means unbounded
 * @param executor which backend runs the function and its settings
 */
public record FunctionConfig(
        String name,
        String arn,
        Duration timeout,
        int memorySizeMb,
        Map<String, String> environment,
        OptionalInt reservedConcurrency,
        ExecutorConfig executor) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_MEMORY_MB = 128;

    public FunctionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
        Objects.requireNonNull(executor, "executor");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException("timeout must be 1..900 seconds: " + timeout);
        }
        if (memorySizeMb < 128 || memorySizeMb > 10240) {
            throw new IllegalArgumentException("memorySizeMb must be 128..10240: " + memorySizeMb);
        }
        environment = Map.copyOf(environment);
    }
}
