package io.tributary.mapper.queue;

import io.tributary.api.LambdaFunction;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *
 *   stop: RECEIVING ──poll returns──► ENDED, releasing what it returned and the batch being gathered
 *         INVOKING ──decided──► RECEIVING, which sees the stop ──► ENDED
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
 * <p>Stopping (disable, update, delete, shutdown) lets batches in flight finish and be acknowledged. Open long polls
 * are not cancelled: SQS may still hand them a message, which would then stay hidden for the visibility timeout.
 * They end on their own (within 20 s, in the background: {@link #stop()} does not wait for them), and what they
 * return is released ({@link QueueSource#release}: visible again at once) instead of invoked; a batch still being
 * gathered is released at the stop. Only a process shutdown cuts the polls short ({@link #cancelPolls()}).
 *
 * <p>Nothing is deleted before the batch's decision is final: a crash at any point leaves the messages to reappear
 * after the visibility timeout.
 *
 * <p>Each poller is a {@link QueuePoller}; the runner keeps what they share (how many pollers run, the batches in
 * flight, whether the mapping is stopping, the open long polls, the stop future) behind {@link PollerGroup}.
 *
 * <p>Threading: a poller's step runs on the thread that completed what it waited for (the source's thread after a
 * receive or a delete, the function's after an invocation; see {@link QueuePoller} and {@link QueueBatch.Processing}),
 * timers on the {@link Scheduler}; a poller's steps never overlap, and shared state is guarded by {@code this}.
 */
public final class QueueMappingRunner {
    private static final Logger log = LoggerFactory.getLogger(QueueMappingRunner.class);

    private final QueueMappingSettings settings;
    private final QueueSource source;
    private final RecordFilter filter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingMetrics metrics;
    private final QueueBatch batches;
    private final Pollers pollers = new Pollers();
    private final ReceiveHealth health;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** The pollers waiting on a long poll, with it. */
    private final Map<QueuePoller, CompletableFuture<List<SourceRecord>>> receiving = new HashMap<>();
    /** The pollers waiting on a timer (the end of a batching window, a receive backoff). */
    private final Set<QueuePoller> sleeping = new HashSet<>();

    private int pollerCount;
    private int busy;
    private int releasing;
    private boolean stopping;

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
        this.filter = filter;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.batches = new QueueBatch(settings, source, function, clock, scheduler, metrics, lastProcessingResult);
        this.health = new ReceiveHealth(settings.uuid(), source.description().arn());
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
     * Stops polling. Batches in flight finish and are acknowledged; a batch being gathered is released at once
     * ({@link QueueSource#release}), and so is whatever the open long polls return: they are left to end on their
     * own (within 20 s) because SQS may hand a message to a poll whose client gave up on it.
     *
     * @return completes when no batch of this mapping is in flight any more, without waiting for open long polls
     *     (see {@link #finished()})
     */
    public CompletableFuture<Void> stop() {
        List<SourceRecord> gathered = new ArrayList<>();
        synchronized (this) {
            if (!stopping) {
                stopping = true;
                log.info(
                        "Mapping {} stopping: no new polls; finishing batches in flight; messages received but not"
                                + " processed are released",
                        settings.uuid());
                receiving.keySet().forEach(poller -> gathered.addAll(poller.takeGathered()));
                sleeping.forEach(poller -> gathered.addAll(poller.takeGathered()));
                if (!gathered.isEmpty()) {
                    releasing++;
                }
            }
            completeStops();
        }
        if (!gathered.isEmpty()) {
            release(gathered);
        }
        return stopped;
    }

    /**
     * Cancels the open long polls of a stopped runner instead of waiting up to 20 s for them (process shutdown). A
     * message SQS hands to a cancelled poll is lost to this process: it reappears after the visibility timeout.
     */
    public void cancelPolls() {
        List<CompletableFuture<List<SourceRecord>>> open;
        synchronized (this) {
            if (!stopping) {
                throw new IllegalStateException("cancelPolls() before stop()");
            }
            open = List.copyOf(receiving.values());
        }
        if (!open.isEmpty()) {
            log.info("Mapping {}: cancelling {} open long polls", settings.uuid(), open.size());
        }
        open.forEach(receive -> receive.cancel(true));
    }

    /**
     * Completes once the stopped runner no longer uses its source: batches in flight acknowledged, long polls ended
     * and what they returned released. Closing the source earlier would cut those calls short.
     */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    public MappingMetrics metrics() {
        return metrics;
    }

    /** Caller holds the lock. */
    private void addPoller() {
        pollerCount++;
        QueuePoller poller = new QueuePoller(settings, filter, clock, scheduler, metrics, batches, pollers, health);
        scheduler.execute(poller::receive);
    }

    /**
     * Completes the stop future once no batch is in flight, and the finished future once, besides, no release is in
     * flight and every poller has ended but those asleep on a timer (whose batch the stop took). Caller holds the
     * lock.
     */
    private void completeStops() {
        if (stopping && busy == 0) {
            stopped.complete(null);
            if (releasing == 0 && pollerCount == sleeping.size()) {
                finished.complete(null);
            }
        }
    }

    /** Makes received messages that will not be processed visible again; the caller counted it in releasing. */
    private void release(List<SourceRecord> records) {
        CompletableFuture<Void> call;
        try {
            call = source.release(records);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn(
                        "Mapping {}: could not release {} messages it received but did not process ({}); they"
                                + " reappear after the visibility timeout ({} s)",
                        settings.uuid(),
                        records.size(),
                        error.getMessage(),
                        settings.visibilityTimeout().toSeconds());
            } else {
                log.info(
                        "Mapping {} is stopping: released {} messages it received but did not process; they are"
                                + " visible again",
                        settings.uuid(),
                        records.size());
            }
            synchronized (this) {
                releasing--;
                completeStops();
            }
        });
    }

    /** The shared state as the pollers see it; every method holds the runner's lock. */
    private final class Pollers implements PollerGroup {
        @Override
        public CompletableFuture<List<SourceRecord>> receive(QueuePoller poller, int maxMessages, Duration waitTime) {
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    return null;
                }
                CompletableFuture<List<SourceRecord>> receive = source.receive(maxMessages, waitTime);
                receiving.put(poller, receive);
                return receive;
            }
        }

        @Override
        public boolean sleep(QueuePoller poller) {
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    return false;
                }
                sleeping.add(poller);
                return true;
            }
        }

        @Override
        public boolean wake(QueuePoller poller) {
            synchronized (QueueMappingRunner.this) {
                receiving.remove(poller);
                sleeping.remove(poller);
                return stopping;
            }
        }

        @Override
        public void addPoller() {
            synchronized (QueueMappingRunner.this) {
                if (!stopping && pollerCount < settings.maximumConcurrency()) {
                    QueueMappingRunner.this.addPoller();
                }
            }
        }

        @Override
        public boolean retireIfOthersRemain() {
            synchronized (QueueMappingRunner.this) {
                if (pollerCount > 1) {
                    pollerCount--;
                    completeStops();
                    return true;
                }
                return false;
            }
        }

        @Override
        public boolean startBatch() {
            synchronized (QueueMappingRunner.this) {
                if (stopping) {
                    return false;
                }
                busy++;
                return true;
            }
        }

        @Override
        public void batchAcknowledged() {
            synchronized (QueueMappingRunner.this) {
                busy--;
                completeStops();
            }
        }

        @Override
        public void stopped(List<SourceRecord> unprocessed) {
            synchronized (QueueMappingRunner.this) {
                pollerCount--;
                if (!unprocessed.isEmpty()) {
                    releasing++;
                }
                completeStops();
            }
            if (!unprocessed.isEmpty()) {
                release(unprocessed);
            }
        }
    }
}
