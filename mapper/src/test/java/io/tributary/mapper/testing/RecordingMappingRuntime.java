package io.tributary.mapper.testing;

import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRuntime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records what the manager asks of the data plane; can hold one apply() until a test releases it. */
public final class RecordingMappingRuntime implements MappingRuntime {
    public final List<EventSourceMapping> applied = new CopyOnWriteArrayList<>();
    public final List<String> stopped = new CopyOnWriteArrayList<>();
    public final Map<String, String> results = new ConcurrentHashMap<>();
    private volatile CountDownLatch entered;
    private volatile CountDownLatch release;
    private volatile boolean holdNext;

    /** The next apply() signals {@code entered} and waits for {@link #releaseApply()}. */
    public CountDownLatch holdNextApply() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdNext = true;
        return entered;
    }

    public void releaseApply() {
        release.countDown();
    }

    @Override
    public void apply(EventSourceMapping mapping) {
        applied.add(mapping);
        if (holdNext) {
            holdNext = false;
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released apply()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop(String uuid) {
        stopped.add(uuid);
    }

    @Override
    public Optional<String> lastProcessingResult(String uuid) {
        return Optional.ofNullable(results.get(uuid));
    }
}
