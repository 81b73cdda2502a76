package io.tributary.api;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one function. Created by an {@link ExecutorFactory} for a {@link FunctionConfig}.
 *
 * <p>Threading: {@link #invoke} may be called concurrently from any thread and must not block the caller; the
 * returned future completes on the executor's own threads. The function timeout, the Lambda-shaped errors and the
 * reserved concurrency are applied around every executor by the invoker module, so an implementation only runs the
 * function and reports what happened. The future never completes exceptionally for a function failure: it
 * completes with {@link InvocationResult.FunctionError}.
 */
public interface FunctionExecutor extends AutoCloseable {

    CompletableFuture<InvocationResult> invoke(Invocation invocation);

    /** Releases the executor's resources (class loaders, connections, processes). Idempotent. */
    @Override
    default void close() {}
}
