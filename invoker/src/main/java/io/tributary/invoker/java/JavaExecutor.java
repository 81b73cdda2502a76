package io.tributary.invoker.java;

import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.api.Invocation;
import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import io.tributary.invoker.internal.LambdaErrors;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs a Java handler in this process. Each invocation runs on a thread of the function's own pool (named
 * {@code function-<name>-<n>}), which grows with demand (bounded by the function's reserved concurrency and the
 * mappings' concurrency) and shrinks after a minute idle, like Lambda's warm execution environments.
 *
 * <p>Cancelling the returned future (the function timed out) interrupts the handler's thread; a handler that ignores
 * interrupts keeps its thread until it returns, and its late result is dropped.
 */
final class JavaExecutor implements FunctionExecutor {
    /** Frames of Tributary itself sit below the handler's frames; Lambda likewise hides its runtime's frames. */
    private static final Predicate<StackTraceElement> HANDLER_FRAMES =
            frame -> !frame.getClassName().startsWith("io.tributary.invoker.java.");

    private final FunctionConfig function;
    private final LambdaHandler handler;
    private final ClassLoader loader;
    private final AutoCloseable resources;
    private final String logStreamName;
    private final Slf4jLambdaLogger logger;
    private final ThreadPoolExecutor pool;

    JavaExecutor(
            FunctionConfig function,
            LambdaHandler handler,
            ClassLoader loader,
            AutoCloseable resources,
            String logStreamName,
            Slf4jLambdaLogger logger) {
        this.function = function;
        this.handler = handler;
        this.loader = loader;
        this.resources = resources;
        this.logStreamName = logStreamName;
        this.logger = logger;
        AtomicInteger threads = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "function-" + function.name() + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(loader);
                    return thread;
                });
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(Invocation invocation) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        FutureTask<Void> task = new FutureTask<>(() -> run(invocation, result), null);
        try {
            pool.execute(task);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(
                    LambdaErrors.functionError("Runtime.Unknown", "Function " + function.name() + " is shut down"));
        }
        // A cancelled result means the function timed out: interrupt the handler (FutureTask only interrupts while
        // this task still runs, so a thread that already moved on is never disturbed).
        result.whenComplete((outcome, thrown) -> {
            if (result.isCancelled()) {
                task.cancel(true);
            }
        });
        return result;
    }

    private void run(Invocation invocation, CompletableFuture<InvocationResult> result) {
        if (result.isDone()) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        ResponseBuffer response = new ResponseBuffer();
        InvocationResult outcome;
        try {
            FunctionContext context = new FunctionContext(
                    function, invocation.requestId(), invocation.deadline().toEpochMilli(), logStreamName, logger);
            handler.handle(invocation.event().newInputStream(), response, context);
            outcome = new InvocationResult.Success(response.toPayload());
        } catch (Throwable thrown) { // NOPMD - whatever the handler throws is the function's error, as on Lambda
            outcome = LambdaErrors.fromThrowable(thrown, HANDLER_FRAMES);
        } finally {
            thread.setContextClassLoader(previous);
        }
        // Callers may continue on this thread (the SQS mapper takes its decision here, to spare a thread hand-over),
        // so they run with Tributary's class loader as context class loader, not the function's.
        thread.setContextClassLoader(JavaExecutor.class.getClassLoader());
        try {
            result.complete(outcome);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            resources.close();
        } catch (Exception e) {
            logger.log("Closing function " + function.name() + " failed: " + e);
        }
    }

    /** Hands its buffer to the payload without another copy when it is exactly full. */
    private static final class ResponseBuffer extends ByteArrayOutputStream {
        ResponseBuffer() {
            super(256);
        }

        Payload toPayload() {
            return buf.length == count ? Payload.wrap(buf) : Payload.wrap(toByteArray());
        }
    }
}
