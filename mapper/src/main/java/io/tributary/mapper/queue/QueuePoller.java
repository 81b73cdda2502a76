package io.tributary.mapper.queue;

import io.tributary.api.SourceRecord;
import io.tributary.mapper.batch.EventAssembler;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One poller of a queue mapping: its batch being gathered, and its loop receive → filter → gather → invoke → delete
 * (the states are drawn in {@link QueueMappingRunner}). What the pollers of a mapping share is kept by the runner
 * behind {@link PollerGroup}.
 *
 * <p>On a standard queue a poller receives its next batch while the previous batch's deletes are in flight (at most
 * one such batch per poller; the next invocation waits for them), so a delete round trip does not stall the poller.
 * On a FIFO queue, or when the batch's visibility timeout is about to end, it waits for the deletes before receiving.
 *
 * <p>Threading: the poller's steps run one after the other (each step starts the next), so its own fields need no
 * lock. A step runs on the thread that completed what it waited for: the SQS client's I/O thread for a receive or a
 * delete, the function's thread for an invocation; timers and steps that would otherwise recurse go through the
 * {@link Scheduler}. Every step is short and never blocks. Each hand-over between threads is a wake-up, CPU a
 * saturated machine takes from throughput (docs/benchmarks.md, "SQS throughput").
 */
final class QueuePoller {
    /** A poller receives during its deletes only while the batch stays hidden at least this much longer. */
    private static final Duration DELETE_MARGIN = Duration.ofSeconds(1);

    static final Duration LONG_POLL = Duration.ofSeconds(20);
    static final int MAX_RECEIVE = 10;
    static final Duration MAX_RECEIVE_BACKOFF = Duration.ofSeconds(30);

    private final QueueMappingSettings settings;
    private final RecordFilter filter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingMetrics metrics;
    private final QueueBatch batches;
    private final PollerGroup group;
    private final ReceiveHealth health;

    private final List<SourceRecord> batch = new ArrayList<>();
    private int batchBytes;
    private Instant windowEnd;
    private final List<SourceRecord> overflow = new ArrayList<>(0);
    private Duration backoff = Duration.ZERO;
    /** The deletes of this poller's last batch, and of the batch before it. */
    private CompletableFuture<Void> acknowledging = CompletableFuture.completedFuture(null);

    private CompletableFuture<Void> acknowledgingBefore = CompletableFuture.completedFuture(null);

    QueuePoller(
            QueueMappingSettings settings,
            RecordFilter filter,
            Clock clock,
            Scheduler scheduler,
            MappingMetrics metrics,
            QueueBatch batches,
            PollerGroup group,
            ReceiveHealth health) {
        this.settings = settings;
        this.filter = filter;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.batches = batches;
        this.group = group;
        this.health = health;
    }

    void receive() {
        int want = Math.min(MAX_RECEIVE, settings.batchSize() - batch.size());
        CompletableFuture<List<SourceRecord>> receive = group.receive(this, want, waitTime());
        if (receive == null) {
            stop(List.of());
            return;
        }
        if (receive.isDone()) {
            // Completed at once (an error thrown early, a source answering from memory): the next step goes through
            // the scheduler, so a source that always answers at once cannot grow the stack.
            receive.whenCompleteAsync((records, error) -> received(want, records, error), scheduler);
        } else {
            // Handled on the thread that completes the receive (the SQS client's I/O thread), with no hand-over to the
            // scheduler: filter at most 10 received records, assemble the event, hand it to the function's executor.
            receive.whenComplete((records, error) -> received(want, records, error));
        }
    }

    private Duration waitTime() {
        if (batch.isEmpty() || windowEnd == null) {
            return LONG_POLL;
        }
        Duration left = Duration.between(clock.instant(), windowEnd);
        long seconds = Math.max(0, Math.min(LONG_POLL.toSeconds(), left.toSeconds()));
        return Duration.ofSeconds(seconds);
    }

    private void received(int want, List<SourceRecord> records, Throwable error) {
        if (group.wake(this)) {
            // A long poll the stop left open: what it returns is not invoked but released.
            stop(error == null ? records : List.of());
            return;
        }
        if (error != null) {
            receiveFailed(error);
            return;
        }
        backoff = Duration.ZERO;
        health.succeeded();
        // More messages are waiting than this poller's batch holds: another poller can take them.
        if (records.size() == want && batch.size() + records.size() >= settings.batchSize()) {
            group.addPoller();
        }
        metrics.polled(records.size());
        gather(records);
        decideNext(records.isEmpty());
    }

    private void gather(List<SourceRecord> records) {
        List<SourceRecord> filteredOut = new ArrayList<>(0);
        for (SourceRecord record : records) {
            if (!filter.accepts(record)) {
                filteredOut.add(record);
            } else if (overflow.isEmpty() && fits(record)) {
                add(record);
            } else {
                // Would cross the 6 MB payload limit: it goes into the next batch, in order.
                overflow.add(record);
            }
        }
        if (!filteredOut.isEmpty()) {
            batches.deleteFilteredOut(filteredOut);
        }
    }

    private boolean fits(SourceRecord record) {
        return batch.isEmpty()
                || EventAssembler.sizeWith(
                                batchBytes, batch.size(), record.json().size())
                        <= EventAssembler.MAX_EVENT_BYTES;
    }

    private void add(SourceRecord record) {
        if (batch.isEmpty() && !settings.batchingWindow().isZero()) {
            windowEnd = record.receivedAt().plus(settings.batchingWindow());
        }
        batch.add(record);
        batchBytes += record.json().size();
    }

    private void decideNext(boolean receivedNothing) {
        if (batch.isEmpty()) {
            if (receivedNothing && group.retireIfOthersRemain()) {
                return;
            }
            receive();
            return;
        }
        if (settings.batchingWindow().isZero() || batch.size() >= settings.batchSize() || !overflow.isEmpty()) {
            flush();
            return;
        }
        Duration left = Duration.between(clock.instant(), windowEnd);
        if (left.isNegative() || left.isZero()) {
            flush();
        } else if (left.compareTo(Duration.ofSeconds(1)) >= 0) {
            receive();
        } else {
            // Less than a whole second of window left: long polls take whole seconds, so wait it out.
            sleep(left, this::flush);
        }
    }

    private void flush() {
        if (!group.startBatch()) {
            stop(List.of());
            return;
        }
        List<SourceRecord> records = List.copyOf(batch);
        batch.clear();
        batchBytes = 0;
        windowEnd = null;
        while (!overflow.isEmpty() && fits(overflow.get(0))) {
            add(overflow.remove(0));
        }
        if (acknowledgingBefore.isDone()) {
            start(records);
        } else {
            // At most two batches per poller are being acknowledged while the next one runs: the last batch's
            // deletes need not hold up this invocation (a delete takes as long as a receive, so waiting for it
            // stalled the poller), but a poller whose deletes lag further behind stops to let them catch up. When
            // the server is the bottleneck that is most batches; the batch then starts on the thread that completes
            // those deletes (the SQS client's I/O thread), without a hand-over to the scheduler, as a receive does.
            acknowledgingBefore.whenComplete((ok, error) -> start(records));
        }
    }

    /**
     * Invokes a gathered batch. On a standard queue the poller goes on receiving as soon as the decision is final
     * (its next receive goes out just before the batch's deletes), without waiting for the deletes: invocations stay
     * bounded by MaximumConcurrency (one per poller), nothing is deleted before its decision, and the batch counts as
     * in flight (for stop) until its deletes are done. On a FIFO queue the poller waits for the deletes, because SQS
     * hands out a message group's next messages only once the previous ones are deleted.
     */
    private void start(List<SourceRecord> records) {
        QueueBatch.Processing processing = QueueBatch.Processing.pending();
        acknowledgingBefore = acknowledging;
        acknowledging = processing.acknowledged();
        processing.acknowledged().whenComplete((ok, error) -> group.batchAcknowledged());
        boolean waitForDeletes = settings.fifo() || mayBeVisibleAgain(records);
        CompletableFuture<Boolean> next = waitForDeletes
                ? processing.acknowledged().thenCompose(ok -> processing.decided())
                : processing.decided();
        next.whenComplete((succeeded, error) -> {
            // After a failed batch Lambda lowers the concurrency it gives the mapping.
            boolean failed = !Boolean.TRUE.equals(succeeded);
            if (failed && batch.isEmpty() && group.retireIfOthersRemain()) {
                return;
            }
            if (waitForDeletes) {
                // Completed by the delete's response, on the source's thread: back to the scheduler.
                scheduler.execute(this::continueAfterBatch);
            } else {
                // Continuing on the thread that announced the decision (no hand-over) sends the next receive before
                // this batch's deletes.
                continueAfterBatch();
            }
        });
        // Chained first, invoked last: a decision taken at once still sends the next receive before the deletes.
        batches.process(records, processing);
    }

    /**
     * Whether a message of the batch may already be visible again (its visibility timeout ends within
     * {@link #DELETE_MARGIN}): then the poller waits for the deletes, so its next receive cannot get the very messages
     * it is deleting.
     */
    private boolean mayBeVisibleAgain(List<SourceRecord> records) {
        Instant earliest = records.get(0).receivedAt();
        for (SourceRecord record : records) {
            if (record.receivedAt().isBefore(earliest)) {
                earliest = record.receivedAt();
            }
        }
        return !clock.instant().plus(DELETE_MARGIN).isBefore(earliest.plus(settings.visibilityTimeout()));
    }

    private void continueAfterBatch() {
        if (batch.isEmpty()) {
            receive();
        } else {
            decideNext(false);
        }
    }

    private void receiveFailed(Throwable error) {
        backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_RECEIVE_BACKOFF);
        health.failed(error);
        sleep(backoff, this::receive);
    }

    /** Runs {@code next} after {@code delay}, unless the mapping stops meanwhile: then the poller ends. */
    private void sleep(Duration delay, Runnable next) {
        if (!group.sleep(this)) {
            stop(List.of());
            return;
        }
        scheduler.schedule(delay, () -> {
            if (group.wake(this)) {
                stop(List.of());
            } else {
                next.run();
            }
        });
    }

    /**
     * Takes the batch being gathered (and what overflowed it), for a stop to release. Called by the {@link PollerGroup}
     * only while this poller waits ({@link PollerGroup#receive}, {@link PollerGroup#sleep}), under the group's lock: the poller
     * touches its batch again only after {@link PollerGroup#wake}, which takes the same lock.
     */
    List<SourceRecord> takeGathered() {
        List<SourceRecord> gathered = new ArrayList<>(batch.size() + overflow.size());
        gathered.addAll(batch);
        gathered.addAll(overflow);
        batch.clear();
        overflow.clear();
        batchBytes = 0;
        windowEnd = null;
        return gathered;
    }

    /**
     * The mapping is stopping: this poller ends. {@code returned} (what a poll returned after the stop) and a batch
     * still being gathered are not invoked and not deleted but released, so they are visible again at once.
     */
    private void stop(List<SourceRecord> returned) {
        List<SourceRecord> unprocessed = new ArrayList<>(returned);
        unprocessed.addAll(takeGathered());
        group.stopped(unprocessed);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
