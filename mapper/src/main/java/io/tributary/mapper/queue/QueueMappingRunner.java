package io.tributary.mapper.queue;

import io.tributary.api.LambdaFunction;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import io.tributary.mapper.batch.EventAssembler;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue mapping (SQS): a set of pollers, each repeating receive → filter → gather a batch → invoke → delete,
 * as Lambda's SQS pollers do.
 *
 * <pre>
 *   RECEIVING ──records──► gather (filter; filtered-out messages deleted at once)
 *       ▲                    │ batch full, 6 MB reached, window over (or window 0)
 *       │                    ▼
 *       └── decided ◄──── INVOKING ──► {@link QueueBatch} decides what is deleted and sends the deletes
 * </pre>
 *
 * <p>On a standard queue a poller receives and invokes its next batch while the previous batch's deletes are in flight
 * (at most two batches per poller being acknowledged; an invocation waits for the deletes of the batch before the
 * previous one), so a delete round trip does not stall the poller. On a FIFO queue, or when the batch's visibility
 * timeout is about to end, it waits for the deletes before receiving.
 *
 * <p>Scaling: one poller long-polls an idle queue; every receive that fills a batch adds a poller, up to
 * MaximumConcurrency, and a poller whose receive comes back empty (or whose batch failed) retires while others remain.
 * So idle mappings cost one long poll each, a busy queue gets all the concurrency it is allowed, and a batching window
 * gathers into one batch what one batch can hold.
 *
 * <p>Stopping (disable, update, shutdown) lets batches in flight finish and be acknowledged; a batch still being
 * gathered and messages returned by a long poll after the stop are left alone: they reappear after the visibility
 * timeout.
 *
 * <p>Nothing is deleted before the batch's decision is final: a crash at any point leaves the messages to reappear
 * after the visibility timeout.
 *
 * <p>Threading: every step runs on the {@link Scheduler}, except that the step after an invocation runs on the thread
 * that completed it (see {@link QueueBatch.Processing}); a poller's steps never overlap, and shared state is guarded
 * by {@code this}.
 */
public final class QueueMappingRunner {
    private static final Logger log = LoggerFactory.getLogger(QueueMappingRunner.class);
    private static final int MAX_RECEIVE = 10;
    private static final Duration LONG_POLL = Duration.ofSeconds(20);
    private static final Duration MAX_RECEIVE_BACKOFF = Duration.ofSeconds(30);
    /** A poller receives during its deletes only while the batch stays hidden at least this much longer. */
    private static final Duration DELETE_MARGIN = Duration.ofSeconds(1);

    private final QueueMappingSettings settings;
    private final QueueSource source;
    private final LambdaFunction function;
    private final RecordFilter filter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingMetrics metrics;
    private final QueueBatch batches;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private final Set<CompletableFuture<List<SourceRecord>>> receiving = new HashSet<>();
    private int pollers;
    private int busy;
    private boolean stopping;
    private boolean receiveFailing;

    public QueueMappingRunner(
            QueueMappingSettings settings,
            QueueSource source,
            LambdaFunction function,
            RecordFilter filter,
            Clock clock,
            Scheduler scheduler,
            MappingMetrics metrics,
            Consumer<String> lastProcessingResult) {
        this.settings = settings;
        this.source = source;
        this.function = function;
        this.filter = filter;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.batches = new QueueBatch(settings, source, function, clock, scheduler, metrics, lastProcessingResult);
    }

    /** Starts the first poller. */
    public synchronized void start() {
        log.info(
                "Mapping {} started: polling {} (batch size {}, window {} s, up to {} concurrent batches)",
                settings.uuid(),
                settings.description(),
                settings.batchSize(),
                settings.batchingWindow().toSeconds(),
                settings.maximumConcurrency());
        addPoller();
    }

    /**
     * Stops polling. Batches in flight finish and are acknowledged; batches being gathered and messages a long poll
     * returns after this are not processed: they reappear after the visibility timeout.
     *
     * @return completes when no batch of this mapping is in flight any more
     */
    public CompletableFuture<Void> stop() {
        synchronized (this) {
            if (!stopping) {
                stopping = true;
                log.info("Mapping {} stopping: no new polls; finishing batches in flight", settings.uuid());
                // Ends idle long polls now instead of up to 20 s later; a message the server had already handed
                // out reappears after its visibility timeout.
                List.copyOf(receiving).forEach(r -> r.cancel(true));
            }
            completeStopIfIdle();
        }
        return stopped;
    }

    public MappingMetrics metrics() {
        return metrics;
    }

    private void addPoller() {
        pollers++;
        Poller poller = new Poller();
        scheduler.execute(poller::receive);
    }

    private void completeStopIfIdle() {
        if (stopping && busy == 0) {
            stopped.complete(null);
        }
    }

    /** One poller: its batch being gathered, and its loop. */
    private final class Poller {
        private final List<SourceRecord> batch = new ArrayList<>();
        private int batchBytes;
        private Instant windowEnd;
        private final List<SourceRecord> overflow = new ArrayList<>(0);
        private Duration backoff = Duration.ZERO;
        /** The deletes of this poller's last batch, and of the batch before it. */
        private CompletableFuture<Void> acknowledging = CompletableFuture.completedFuture(null);

        private CompletableFuture<Void> acknowledgingBefore = CompletableFuture.completedFuture(null);

        void receive() {
            int want = Math.min(MAX_RECEIVE, settings.batchSize() - batch.size());
            CompletableFuture<List<SourceRecord>> receive;
            // Checking for a stop and registering the long poll are one step, so stop() cancels every poll it races
            // with: none outlives the mapping to hide messages from its next run.
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    release();
                    return;
                }
                receive = source.receive(want, waitTime());
                receiving.add(receive);
            }
            receive.whenCompleteAsync((records, error) -> received(want, receive, records, error), scheduler);
        }

        private Duration waitTime() {
            if (batch.isEmpty() || windowEnd == null) {
                return LONG_POLL;
            }
            Duration left = Duration.between(clock.instant(), windowEnd);
            long seconds = Math.max(0, Math.min(LONG_POLL.toSeconds(), left.toSeconds()));
            return Duration.ofSeconds(seconds);
        }

        private void received(
                int want, CompletableFuture<List<SourceRecord>> receive, List<SourceRecord> records, Throwable error) {
            synchronized (QueueMappingRunner.this) {
                receiving.remove(receive);
                if (error != null && stopping) {
                    release();
                    return;
                }
            }
            if (error != null) {
                receiveFailed(error);
                return;
            }
            receiveRecovered();
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    // Not processed and not deleted: the queue redelivers them after the visibility timeout.
                    if (!records.isEmpty()) {
                        log.info(
                                "Mapping {} is stopping: {} messages received by the last poll will reappear"
                                        + " after the visibility timeout",
                                settings.uuid(),
                                records.size());
                    }
                    release();
                    return;
                }
                // More messages are waiting than this poller's batch holds: another poller can take them.
                boolean batchFilled = batch.size() + records.size() >= settings.batchSize();
                if (records.size() == want && batchFilled && pollers < settings.maximumConcurrency()) {
                    addPoller();
                }
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
                synchronized (QueueMappingRunner.this) {
                    if (receivedNothing && pollers > 1) {
                        retire();
                        return;
                    }
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
                scheduler.schedule(left, this::flush);
            }
        }

        private void flush() {
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    release();
                    return;
                }
            }
            List<SourceRecord> records = List.copyOf(batch);
            batch.clear();
            batchBytes = 0;
            windowEnd = null;
            while (!overflow.isEmpty() && fits(overflow.get(0))) {
                add(overflow.remove(0));
            }
            synchronized (QueueMappingRunner.this) {
                busy++;
            }
            if (acknowledgingBefore.isDone()) {
                start(records);
            } else {
                // At most two batches per poller are being acknowledged while the next one runs: the last batch's
                // deletes need not hold up this invocation (a delete takes as long as a receive, so waiting for it
                // stalled the poller), but a poller whose deletes lag further behind stops to let them catch up.
                acknowledgingBefore.whenComplete((ok, error) -> scheduler.execute(() -> start(records)));
            }
        }

        /**
         * Invokes a gathered batch. On a standard queue the poller goes on receiving as soon as the decision is final
         * (its next receive goes out just before the batch's deletes), without waiting for the deletes: invocations
         * stay bounded by MaximumConcurrency (one per poller), nothing is deleted before its decision, and the batch
         * counts as in flight (for stop) until its deletes are done. On a FIFO queue the poller waits for the
         * deletes, because SQS hands out a message group's next messages only once the previous ones are deleted.
         */
        private void start(List<SourceRecord> records) {
            QueueBatch.Processing processing = batches.process(records);
            acknowledgingBefore = acknowledging;
            acknowledging = processing.acknowledged();
            processing.acknowledged().whenComplete((ok, error) -> {
                synchronized (QueueMappingRunner.this) {
                    busy--;
                    completeStopIfIdle();
                }
            });
            boolean waitForDeletes = settings.fifo() || mayBeVisibleAgain(records);
            CompletableFuture<Boolean> next = waitForDeletes
                    ? processing.acknowledged().thenCompose(ok -> processing.decided())
                    : processing.decided();
            next.whenComplete((succeeded, error) -> {
                boolean retireAfterFailure;
                synchronized (QueueMappingRunner.this) {
                    // After a failed batch Lambda lowers the concurrency it gives the mapping.
                    retireAfterFailure = !Boolean.TRUE.equals(succeeded) && pollers > 1 && batch.isEmpty();
                    if (retireAfterFailure) {
                        retire();
                    }
                }
                if (retireAfterFailure) {
                    return;
                }
                if (waitForDeletes) {
                    // Completed by the delete's response, on the source's thread: back to the scheduler.
                    scheduler.execute(this::continueAfterBatch);
                } else {
                    // Continuing on the thread that announced the decision (no hand-over) sends the next receive
                    // before this batch's deletes.
                    continueAfterBatch();
                }
            });
        }

        /**
         * Whether a message of the batch may already be visible again (its visibility timeout ends within
         * {@link #DELETE_MARGIN}): then the poller waits for the deletes, so its next receive cannot get the very
         * messages it is deleting.
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
            boolean first;
            synchronized (QueueMappingRunner.this) {
                first = !receiveFailing;
                receiveFailing = true;
            }
            String cause = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
            if (first) {
                log.warn(
                        "Mapping {}: cannot receive from {}: {}; retrying (backing off up to {} s)",
                        settings.uuid(),
                        source.description().arn(),
                        cause,
                        MAX_RECEIVE_BACKOFF.toSeconds());
            } else {
                log.debug("Mapping {}: receive failed again: {}", settings.uuid(), cause);
            }
            scheduler.schedule(backoff, this::receive);
        }

        private void receiveRecovered() {
            backoff = Duration.ZERO;
            synchronized (QueueMappingRunner.this) {
                if (receiveFailing) {
                    receiveFailing = false;
                    log.info(
                            "Mapping {}: receiving from {} works again",
                            settings.uuid(),
                            source.description().arn());
                }
            }
        }

        /**
         * Stopping: a batch still being gathered is not invoked and not deleted; its messages reappear after the
         * visibility timeout. Caller holds the runner's lock.
         */
        private void release() {
            int dropped = batch.size() + overflow.size();
            if (dropped > 0) {
                log.info(
                        "Mapping {} stopped while gathering a batch: {} messages will reappear after the"
                                + " visibility timeout",
                        settings.uuid(),
                        dropped);
            }
            batch.clear();
            overflow.clear();
            retire();
        }

        /** Caller holds the runner's lock. */
        private void retire() {
            pollers--;
            completeStopIfIdle();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
