package io.tributary.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started parts of the service, stopped in reverse order of their start, each within its own bounded time: a
 * part that does not stop in time is left behind (and dies with the process) so that the parts it depends on still
 * stop cleanly. Leaving a mapping's batch unfinished is safe: its messages are not deleted and come back after their
 * visibility timeout.
 */
final class Components implements AutoCloseable {
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Components.class);

    private record Started(String name, AutoCloseable component, Duration stopTimeout) {}

    private final Deque<Started> started = new ArrayDeque<>();

    /** Registers a started part; returns it for chaining. */
    synchronized <T extends AutoCloseable> T add(String name, T component) {
        return add(name, component, DEFAULT_STOP_TIMEOUT);
    }

    /** Registers a started part that gets {@code stopTimeout} to stop (e.g. to let in-flight batches finish). */
    synchronized <T extends AutoCloseable> T add(String name, T component, Duration stopTimeout) {
        started.push(new Started(name, component, stopTimeout));
        return component;
    }

    /** Stops every part, last started first. Idempotent; never throws. */
    @Override
    public void close() {
        Started next;
        while ((next = poll()) != null) {
            stop(next);
        }
    }

    private synchronized Started poll() {
        return started.poll();
    }

    private static void stop(Started part) {
        long begin = System.nanoTime();
        log.info("Stopping {}", part.name());
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(
                () -> {
                    try {
                        part.component().close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                runnable -> {
                    Thread thread = new Thread(runnable, "tributary-stop-" + part.name());
                    thread.setDaemon(true);
                    thread.start();
                });
        try {
            stopping.get(part.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Stopped {} in {} ms", part.name(), (System.nanoTime() - begin) / 1_000_000);
        } catch (TimeoutException e) {
            log.warn(
                    "{} did not stop within {} s; going on without it",
                    part.name(),
                    part.stopTimeout().toSeconds());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException ise && ise.getCause() != null
                    ? ise.getCause()
                    : e.getCause();
            log.warn("{} failed to stop cleanly: {}", part.name(), cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping {}", part.name());
        }
    }
}
