package io.tributary.mapper.runtime;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where the engine runs its continuations and timed steps. Production uses a small thread pool; tests use a manual
 * scheduler driven by a manual clock, so every timed rule is tested without sleeping.
 */
public interface Scheduler extends Executor {

    /** Runs {@code task} after {@code delay} (measured on the engine's clock). */
    void schedule(Duration delay, Runnable task);
}
