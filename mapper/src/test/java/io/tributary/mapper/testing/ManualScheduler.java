package io.tributary.mapper.testing;

import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A single-threaded {@link Scheduler} with its own clock: tasks run only in {@link #runUntilIdle()} and
 * {@link #advance(Duration)}, so timed engine rules are tested without sleeping.
 */
public final class ManualScheduler implements Scheduler {
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timed> timed =
            new PriorityQueue<>(Comparator.comparing(Timed::at).thenComparing(Timed::seq));
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long seq;

    public Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                synchronized (ManualScheduler.this) {
                    return now;
                }
            }
        };
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        timed.add(new Timed(now.plus(delay), seq++, task));
    }

    /** Runs every task that is due now, including the tasks they add. */
    public void runUntilIdle() {
        while (true) {
            Runnable next;
            synchronized (this) {
                while (!timed.isEmpty() && !timed.peek().at().isAfter(now)) {
                    ready.add(timed.poll().task());
                }
                next = ready.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Moves the clock forward step by step, running what falls due on the way. */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        runUntilIdle();
        while (true) {
            synchronized (this) {
                if (timed.isEmpty() || timed.peek().at().isAfter(target)) {
                    now = target;
                    break;
                }
                now = timed.peek().at();
            }
            runUntilIdle();
        }
        runUntilIdle();
    }

    private record Timed(Instant at, long seq, Runnable task) {}
}
