package io.tributary.mapper.runtime;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: a few daemon threads shared by every mapping. Engine steps are short (assemble a
 * batch, read a response); waiting happens in sources and executors, never on these threads.
 */
public final class ThreadPoolScheduler implements Scheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThreadPoolScheduler.class);
    private final ScheduledThreadPoolExecutor pool;

    public ThreadPoolScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "tributary-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ScheduledThreadPoolExecutor(threads, factory);
        pool.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(guarded(task));
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        pool.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("Internal error in the mapping engine (this is a bug in Tributary)", e);
            }
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
