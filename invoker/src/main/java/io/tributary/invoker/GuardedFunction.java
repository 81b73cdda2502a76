package io.tributary.invoker;

import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.api.Invocation;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import io.tributary.invoker.internal.LambdaErrors;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;

/**
 * The one wrapper around every executor: it bounds concurrency to {@code ReservedConcurrentExecutions}, enforces the
 * function timeout, turns whatever the executor throws into a Lambda-shaped {@link InvocationResult.FunctionError},
 * applies Lambda's 6 MB response limit and writes Lambda's START/END/REPORT lines.
 *
 * <p>Thread-safe. The returned future completes exactly once, on the executor's thread, the timeout thread or the
 * caller's thread (throttling); a result that arrives after the timeout is ignored.
 */
final class GuardedFunction implements LambdaFunction {
    /** Lambda's reason when the function's reserved concurrency is full (TooManyRequestsException.Reason). */
    static final String RESERVED_CONCURRENCY_FULL = "ReservedFunctionConcurrentInvocationLimitExceeded";

    private static final InvocationResult.Throttled THROTTLED =
            new InvocationResult.Throttled(RESERVED_CONCURRENCY_FULL);

    private final FunctionConfig config;
    private final FunctionExecutor executor;
    private final Optional<String> failure;
    private final TimeoutTimer timer;
    private final Semaphore reserved;
    private final long timeoutNanos;
    private final InvocationLog log;

    GuardedFunction(FunctionConfig config, FunctionExecutor executor, Optional<String> failure, TimeoutTimer timer) {
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.timer = Objects.requireNonNull(timer, "timer");
        // Reserved concurrency counts invocations in flight across all mappings of the function; 0 stops it entirely.
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
        this.reserved = config.reservedConcurrency().isPresent()
                ? new Semaphore(config.reservedConcurrency().getAsInt())
                : null;
        this.timeoutNanos = config.timeout().toNanos();
        this.log = new InvocationLog(config);
    }

    @Override
    public FunctionConfig config() {
        return config;
    }

    @Override
    public Optional<String> failure() {
        return failure;
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(String requestId, Payload event) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(event, "event");
        if (reserved != null && !reserved.tryAcquire()) {
            log.throttled(requestId, RESERVED_CONCURRENCY_FULL);
            return CompletableFuture.completedFuture(THROTTLED);
        }
        long started = System.nanoTime();
        log.start(requestId);
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        result.whenComplete((outcome, never) -> {
            if (reserved != null) {
                reserved.release();
            }
            log.end(requestId, System.nanoTime() - started, outcome);
        });

        CompletableFuture<InvocationResult> running = start(new Invocation(requestId, event, deadline()));
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(
                    () -> {
                        if (result.complete(LambdaErrors.timedOut(requestId, config.timeout()))) {
                            // Tells the executor to stop: the java executor interrupts the handler's thread, the
                            // http executor aborts the exchange.
                            running.cancel(true);
                        }
                    },
                    timeoutNanos);
        } catch (RejectedExecutionException closed) {
            running.cancel(true);
            result.complete(LambdaErrors.functionError(
                    "Runtime.Unknown", "Function " + config.name() + " was invoked after Tributary closed it"));
            return result;
        }
        running.whenComplete((outcome, thrown) -> {
            timeout.cancel(false);
            if (!result.complete(checked(outcome, thrown)) && !running.isCancelled()) {
                log.lateResult(requestId);
            }
        });
        return result;
    }

    private Instant deadline() {
        return Instant.now().plusNanos(timeoutNanos);
    }

    private CompletableFuture<InvocationResult> start(Invocation invocation) {
        try {
            CompletableFuture<InvocationResult> running = executor.invoke(invocation);
            return running != null
                    ? running
                    : CompletableFuture.failedFuture(
                            new IllegalStateException(executor.getClass().getName() + " returned no future"));
        } catch (RuntimeException | LinkageError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static InvocationResult checked(InvocationResult outcome, Throwable thrown) {
        if (thrown != null) {
            return LambdaErrors.fromThrowable(thrown);
        }
        if (outcome == null) {
            return LambdaErrors.functionError("Runtime.Unknown", "The executor returned no result");
        }
        if (outcome instanceof InvocationResult.Success success
                && success.response().size() > LambdaErrors.MAX_RESPONSE_BYTES) {
            return LambdaErrors.responseTooLarge();
        }
        return outcome;
    }

    /** Closes the executor; invocations in flight end as the executor decides (usually a FunctionError). */
    void close() {
        executor.close();
    }
}
