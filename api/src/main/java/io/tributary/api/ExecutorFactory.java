package io.tributary.api;

/**
 * Creates executors of one {@link #type()}; found with {@link java.util.ServiceLoader}, so a third-party executor
 * compiles against this module alone.
 */
public interface ExecutorFactory {

    /** The {@code Executor.Type} this factory serves, e.g. {@code java}. */
    String type();

    /**
     * Validates the function's executor settings and creates its executor.
     *
     * @throws ConfigException when a setting is missing or wrong (names the key)
     * @throws ExecutorException when the settings are right but the function cannot be loaded (e.g. class not found)
     */
    FunctionExecutor create(FunctionConfig function);
}
