package io.tributary.mapper.testing;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An on-failure destination that keeps what it accepted; it can refuse, or hold publishes until the test answers. */
public final class InMemoryOnFailureDestination implements OnFailureDestination {
    private final List<OnFailureRecord> accepted = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private int refuseNext;
    private boolean holding;
    private int attempts;

    @Override
    public String arn() {
        return "arn:aws:sqs:us-east-1:000000000000:on-failure";
    }

    /** The next {@code n} publishes fail. */
    public synchronized void refuseNext(int n) {
        refuseNext = n;
    }

    /** Publishes stay pending until {@link #releaseAll()}. */
    public synchronized void hold() {
        holding = true;
    }

    public void releaseAll() {
        List<CompletableFuture<Void>> release;
        synchronized (this) {
            holding = false;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(f -> f.complete(null));
    }

    @Override
    public synchronized CompletableFuture<Void> publish(OnFailureRecord record) {
        attempts++;
        if (refuseNext > 0) {
            refuseNext--;
            return CompletableFuture.failedFuture(new SourceException("destination unavailable"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.thenRun(() -> {
            synchronized (this) {
                accepted.add(record);
            }
        });
        if (holding) {
            held.add(done);
        } else {
            done.complete(null);
        }
        return done;
    }

    public synchronized List<OnFailureRecord> accepted() {
        return List.copyOf(accepted);
    }

    public synchronized int attempts() {
        return attempts;
    }
}
