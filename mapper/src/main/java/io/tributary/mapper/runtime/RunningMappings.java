package io.tributary.mapper.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runners {@link EngineRuntime} started, by mapping UUID, and the order in which one is stopped: its batches in
 * flight finish first, its source is closed only once the runner no longer uses it. Split out of the runtime so that
 * the stop and shutdown sequences live in one place; the runtime calls it under its own lock.
 */
final class RunningMappings {
    private final Map<String, RunningMapping> running = new ConcurrentHashMap<>();
    private final Scheduler scheduler;

    RunningMappings(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    boolean contains(String uuid) {
        return running.containsKey(uuid);
    }

    void add(String uuid, RunningMapping runner) {
        running.put(uuid, runner);
    }

    /**
     * Stops a runner; returns when its batches in flight are done. Its source is closed only once the runner no
     * longer uses it: an SQS runner's open long polls run out in the background and release what they return.
     */
    CompletableFuture<Void> stop(String uuid) {
        RunningMapping old = running.remove(uuid);
        if (old == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> stopped = old.stop();
        old.closeWhenFinished(uuid);
        return stopped;
    }

    /**
     * Stops every runner for a process shutdown: batches in flight finish; SQS long polls are then cancelled after
     * {@code pollGrace} instead of running out. Completes when every runner is done with its source.
     */
    CompletableFuture<Void> stopAll(Duration pollGrace) {
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (String uuid : List.copyOf(running.keySet())) {
            RunningMapping old = running.remove(uuid);
            old.stop().whenComplete((ok, error) -> scheduler.schedule(pollGrace, old::cancelPolls));
            finished.add(old.closeWhenFinished(uuid));
        }
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }
}
