package io.tributary.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A configured function, ready to invoke (or known to be broken). Implemented by the invoker module around a
 * {@link FunctionExecutor}: it applies the function timeout, turns executor failures into Lambda-shaped errors and
 * bounds concurrency to {@code ReservedConcurrentExecutions} (returning {@link InvocationResult.Throttled} when full).
 *
 * <p>Thread-safe; {@link #invoke} does not block the caller.
 */
public interface LambdaFunction {

    FunctionConfig config();

    /**
     * Empty when the function can run; otherwise why it cannot (e.g. {@code Handler class com.x.H not found on
     * Classpath [a.jar]}). Invoking a broken function returns a {@link InvocationResult.FunctionError}.
     */
    Optional<String> failure();

    /** Invokes the function synchronously ({@code RequestResponse}) with the given request id. Never fails the future. */
    CompletableFuture<InvocationResult> invoke(String requestId, Payload event);
}
