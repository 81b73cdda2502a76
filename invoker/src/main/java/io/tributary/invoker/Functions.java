package io.tributary.invoker;

import io.tributary.api.ConfigException;
import io.tributary.api.ExecutorException;
import io.tributary.api.ExecutorFactory;
import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.api.FunctionRegistry;
import io.tributary.api.Invocation;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.invoker.internal.LambdaErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured functions, each wrapped so that its timeout, reserved concurrency and Lambda-shaped errors hold
 * whatever executor runs it. Executors are created through the {@link ExecutorFactory} registered (with
 * {@link ServiceLoader}, {@code META-INF/services}) for the function's {@code Executor.Type}.
 *
 * <p>Thread-safe. {@link #close()} closes every executor and stops the timeout thread.
 */
public final class Functions implements FunctionRegistry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Functions.class);

    private final List<GuardedFunction> functions;
    private final Map<String, GuardedFunction> byName;
    private final Map<GuardedFunction, FunctionReference> references;
    private final TimeoutTimer timer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Functions(List<GuardedFunction> functions, TimeoutTimer timer) {
        this.functions = List.copyOf(functions);
        this.timer = timer;
        this.byName = new HashMap<>();
        this.references = new HashMap<>();
        for (GuardedFunction function : functions) {
            byName.put(function.config().name(), function);
            references.put(function, reference(function.config()));
        }
    }

    /**
     * Creates an executor for each function through the factory of its {@code Executor.Type}.
     *
     * <p>A function whose code cannot be loaded ({@link ExecutorException}: handler class not found…) is still
     * registered: its {@link LambdaFunction#failure()} says why, and invoking it returns a {@link
     * InvocationResult.FunctionError} with that message. Factories name keys relative to the function
     * ({@code Executor.Url}); this prefixes them with {@code Functions[<index>].}.
     *
     * @throws ConfigException for a wrong or missing setting, an unknown executor type or a duplicate function name;
     *     the service should refuse to start
     */
    public static Functions load(List<FunctionConfig> functions) {
        return load(functions, ServiceLoader.load(ExecutorFactory.class, Functions.class.getClassLoader()));
    }

    static Functions load(List<FunctionConfig> configs, Iterable<ExecutorFactory> available) {
        Map<String, ExecutorFactory> factories = new LinkedHashMap<>();
        for (ExecutorFactory factory : available) {
            factories.putIfAbsent(factory.type(), factory);
        }
        TimeoutTimer timer = new TimeoutTimer();
        List<GuardedFunction> loaded = new ArrayList<>();
        try {
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < configs.size(); i++) {
                FunctionConfig config = configs.get(i);
                Integer previous = names.putIfAbsent(config.name(), i);
                if (previous != null) {
                    throw new ConfigException(
                            "Functions[" + i + "].FunctionName",
                            "function " + config.name() + " is already declared at Functions[" + previous + "]");
                }
                loaded.add(create(i, config, factories, timer));
            }
        } catch (RuntimeException | Error e) {
            loaded.forEach(Functions::closeQuietly);
            timer.close();
            throw e;
        }
        LOG.info(
                "Loaded {} function(s): {}",
                loaded.size(),
                loaded.stream().map(f -> f.config().name()).toList());
        return new Functions(loaded, timer);
    }

    private static GuardedFunction create(
            int index, FunctionConfig config, Map<String, ExecutorFactory> factories, TimeoutTimer timer) {
        String prefix = "Functions[" + index + "].";
        ExecutorFactory factory = factories.get(config.executor().type());
        if (factory == null) {
            throw new ConfigException(
                    prefix + "Executor.Type",
                    "unknown executor type '" + config.executor().type() + "'; available types: "
                            + String.join(", ", new TreeSet<>(factories.keySet())));
        }
        try {
            FunctionExecutor executor = factory.create(config);
            return new GuardedFunction(config, executor, Optional.empty(), timer);
        } catch (ConfigException e) {
            throw prefixed(prefix, e);
        } catch (ExecutorException e) {
            LOG.warn("Function {} cannot run: {}", config.name(), e.getMessage());
            return broken(config, e.getMessage(), e.getCause(), timer);
        } catch (RuntimeException | LinkageError e) {
            // A factory bug: keep the service up, show the function as broken and say what happened.
            LOG.error(
                    "The {} executor failed to create function {}",
                    config.executor().type(),
                    config.name(),
                    e);
            return broken(config, "The " + config.executor().type() + " executor failed: " + e, e, timer);
        }
    }

    private static GuardedFunction broken(FunctionConfig config, String why, Throwable cause, TimeoutTimer timer) {
        // Lambda reports a handler that cannot be loaded with the exception's type (e.g. ClassNotFoundException).
        String errorType = cause != null ? cause.getClass().getName() : "Runtime.BadFunctionCode";
        InvocationResult error = LambdaErrors.functionError(errorType, why);
        FunctionExecutor executor = (Invocation invocation) -> CompletableFuture.completedFuture(error);
        return new GuardedFunction(config, executor, Optional.of(why), timer);
    }

    private static ConfigException prefixed(String prefix, ConfigException e) {
        if (e.key().startsWith("Functions[")) {
            return e;
        }
        String problem = e.getMessage().startsWith(e.key() + ": ")
                ? e.getMessage().substring(e.key().length() + 2)
                : e.getMessage();
        ConfigException named = new ConfigException(prefix + e.key(), problem);
        named.initCause(e.getCause());
        return named;
    }

    private static FunctionReference reference(FunctionConfig config) {
        return FunctionReference.parse(config.arn())
                .filter(ref -> ref.name().equals(config.name()))
                .orElseGet(() -> new FunctionReference(
                        config.name(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /**
     * Finds a function by name, unqualified ARN, qualified ARN ({@code …:$LATEST}; other qualifiers do not exist
     * locally) or partial ARN ({@code 000000000000:function:my-fn}).
     */
    @Override
    public Optional<LambdaFunction> find(String nameOrArn) {
        GuardedFunction byPlainName = byName.get(nameOrArn);
        if (byPlainName != null) {
            return Optional.of(byPlainName);
        }
        return FunctionReference.parse(nameOrArn).flatMap(asked -> Optional.ofNullable(byName.get(asked.name()))
                .filter(function -> asked.matches(references.get(function)))
                .map(LambdaFunction.class::cast));
    }

    /** Every function, in configuration order. */
    public List<LambdaFunction> all() {
        return List.copyOf(functions);
    }

    /** Closes every executor (class loaders, connections) and the timeout thread. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            functions.forEach(Functions::closeQuietly);
            timer.close();
        }
    }

    private static void closeQuietly(GuardedFunction function) {
        try {
            function.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing function {} failed", function.config().name(), e);
        }
    }
}
