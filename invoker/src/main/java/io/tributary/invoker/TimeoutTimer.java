package io.tributary.invoker;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one thread that ends invocations at their function's timeout, shared by every function.
 *
 * <p>Every invocation arms a timeout task and cancels it when the function returns, usually long before it is due.
 * A {@link ScheduledThreadPoolExecutor} wakes its thread whenever a new task becomes the head of its queue, and with
 * short invocations the queue is empty most of the time, so every invocation used to wake the thread once for nothing
 * (~1–2 µs of CPU per message at 10 messages per batch in {@code ./tributary bench sqs}, docs/benchmarks.md). While
 * invocations are being made, a tick due within a second stays at the head of the queue: a timeout (at least a second,
 * Lambda's minimum) is queued behind it and cancelled again without waking anybody. The tick costs one wake-up a
 * second and stops after {@link #IDLE_NANOS} without invocations, so idle functions cost nothing.
 *
 * <p>Thread-safe.
 */
final class TimeoutTimer implements AutoCloseable {
    static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile long lastUse;

    TimeoutTimer() {
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "tributary-function-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timeouts leave the queue at once instead of staying until they would have been due.
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} after {@code delayNanos} unless the returned future is cancelled first.
     *
     * @throws RejectedExecutionException once the timer is closed
     */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        lastUse = System.nanoTime();
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            // Queued first, so it is the head and the timeout below goes in behind it.
            timer.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
        return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (System.nanoTime() - lastUse > IDLE_NANOS) {
            // An invocation racing with this only misses the tick until the next one re-arms it: a wake-up, not a
            // lost timeout (timeouts never depend on the tick).
            ticking.set(false);
            return;
        }
        try {
            timer.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            ticking.set(false);
        }
    }

    /** Stops the thread; timeouts not yet due never fire. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
