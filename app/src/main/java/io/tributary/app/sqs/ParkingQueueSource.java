package io.tributary.app.sqs;

import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source on a queue of the embedded server that does not long-poll while the queue is fully empty: after a receive
 * came back empty (and for the first one), the next receive first waits, in process, until
 * {@link EmbeddedSqs#whenReceivable} says a message may be receivable, and only then long-polls. So an idle mapping
 * costs no HTTP call at all, where a long poll every 20 s costs the SDK client and ElasticMQ's HTTP server about 3 ms
 * of CPU each (docs/benchmarks.md, "Footprint").
 *
 * <p>It keeps the {@link QueueSource} contract: a receive returns within its {@code waitTime}. If the queue stays
 * fully empty for the whole wait, it returns no messages without asking the server, which is exactly what the long
 * poll would have returned; the mapper's batching window therefore ends on time. Once woken, the receive long-polls
 * for the rest of its wait, and from then on it can no longer end early: a long poll that may already hold messages is
 * never given up by this class, so no message is hidden for a visibility timeout for nothing.
 *
 * <p>Thread-safe; cancelling a receive ends its wait (the waiter is forgotten) or cancels its long poll.
 */
public final class ParkingQueueSource implements QueueSource {
    private static final Logger log = LoggerFactory.getLogger(ParkingQueueSource.class);

    private final QueueSource polling;
    private final String queueName;
    private final Function<String, CompletableFuture<Void>> whenReceivable;
    /** Whether the last receive returned nothing (or none was made yet): the next one parks first. */
    private volatile boolean idle = true;

    /**
     * @param polling the source that long-polls the embedded server
     * @param queueName the queue's name on the embedded server
     * @param whenReceivable {@link EmbeddedSqs#whenReceivable}
     */
    public ParkingQueueSource(
            QueueSource polling, String queueName, Function<String, CompletableFuture<Void>> whenReceivable) {
        this.polling = Objects.requireNonNull(polling, "polling");
        this.queueName = Objects.requireNonNull(queueName, "queueName");
        this.whenReceivable = Objects.requireNonNull(whenReceivable, "whenReceivable");
    }

    @Override
    public QueueDescription description() {
        return polling.description();
    }

    @Override
    public CompletableFuture<List<SourceRecord>> receive(int maxMessages, Duration waitTime) {
        CompletableFuture<List<SourceRecord>> result;
        if (!idle || waitTime.isZero()) {
            result = polling.receive(maxMessages, waitTime);
        } else {
            log.debug(
                    "Queue {} is empty: waiting up to {} s for a message before polling it",
                    queueName,
                    waitTime.toSeconds());
            result = new ParkedReceive(maxMessages, waitTime).start();
        }
        result.whenComplete((records, error) -> {
            if (!result.isCancelled()) {
                // After an error the next receive goes to the server at once, so its error is reported as before.
                idle = error == null && records.isEmpty();
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> delete(List<SourceRecord> records) {
        return polling.delete(records);
    }

    @Override
    public CompletableFuture<Void> release(List<SourceRecord> records) {
        return polling.release(records);
    }

    @Override
    public void close() {
        polling.close();
    }

    /**
     * How long a receive parks at most: its wait, ended on a whole second of the clock when the wait is 2 s or more.
     * So the parked receives of many idle mappings end together, once a second, and wake the JDK's delay thread once
     * for all of them instead of once each (the mappers' next steps then run on that thread, one after the other: an
     * empty receive's step only parks the next receive). Ending up to a second early returns what the long
     * poll would have returned (nothing: the queue is still fully empty), and the mapper simply asks again.
     */
    static long parkedFor(Duration waitTime, long nowMillis) {
        long wait = waitTime.toMillis();
        if (wait < 2000) {
            return wait;
        }
        long end = (nowMillis + wait) / 1000 * 1000;
        return end - nowMillis;
    }

    /**
     * One receive that parks before it polls.
     *
     * <pre>
     *   PARKED ──woken──► POLLING ──long poll ends──► DONE
     *     │ wait over: no messages            ▲
     *     └──────────────► DONE ◄── cancelled ┘ (from any state)
     * </pre>
     */
    private final class ParkedReceive {
        private final int maxMessages;
        private final Duration waitTime;
        private final long deadline;
        private final CompletableFuture<List<SourceRecord>> result = new CompletableFuture<>();
        private final CompletableFuture<Void> timer = new CompletableFuture<>();
        private CompletableFuture<Void> waiter;
        private CompletableFuture<List<SourceRecord>> poll;
        private boolean parked = true;

        ParkedReceive(int maxMessages, Duration waitTime) {
            this.maxMessages = maxMessages;
            this.waitTime = waitTime;
            this.deadline = System.nanoTime() + waitTime.toNanos();
        }

        CompletableFuture<List<SourceRecord>> start() {
            // The JDK's delay thread completes the timer; completing or cancelling it first removes the task.
            timer.completeOnTimeout(null, parkedFor(waitTime, System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            timer.thenRun(this::waitOver);
            result.whenComplete((records, error) -> {
                if (result.isCancelled()) {
                    cancelled();
                }
            });
            CompletableFuture<Void> registered = whenReceivable.apply(queueName);
            synchronized (this) {
                waiter = registered;
                if (!parked) {
                    registered.cancel(false); // cancelled or over before it was registered
                    return result;
                }
            }
            registered.thenRun(this::woken);
            return result;
        }

        private void woken() {
            CompletableFuture<List<SourceRecord>> started;
            synchronized (this) {
                if (!parked) {
                    return;
                }
                parked = false;
                log.debug("Queue {} changed: polling it", queueName);
                timer.cancel(false);
                long left = Math.max(0, deadline - System.nanoTime());
                // Long polls take whole seconds (rounded down), as the mapper asks for them.
                started = polling.receive(maxMessages, Duration.ofSeconds(TimeUnit.NANOSECONDS.toSeconds(left)));
                poll = started;
            }
            started.whenComplete((records, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(records);
                }
            });
        }

        private void waitOver() {
            CompletableFuture<Void> forget;
            synchronized (this) {
                if (!parked) {
                    return;
                }
                parked = false;
                forget = waiter;
            }
            if (forget != null) {
                forget.cancel(false);
            }
            // The queue was fully empty and nothing changed since: the long poll would have returned nothing.
            result.complete(List.of());
        }

        private void cancelled() {
            CompletableFuture<Void> forget;
            CompletableFuture<List<SourceRecord>> abort;
            synchronized (this) {
                parked = false;
                forget = waiter;
                abort = poll;
            }
            timer.cancel(false);
            if (forget != null) {
                forget.cancel(false);
            }
            if (abort != null) {
                abort.cancel(true);
            }
        }
    }
}
