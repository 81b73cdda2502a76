package io.tributary.mapper.queue;

import io.tributary.api.LambdaFunction;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>On a standard queue a poller receives its next batch while the previous batch's deletes are in flight (at most
 * one such batch per poller; the next invocation waits for them), so a delete round trip does not stall the poller.
 * On a FIFO queue, or when the batch's visibility timeout is about to end, it waits for the deletes before receiving.
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
 * <p>Each poller is a {@link QueuePoller}; the runner keeps what they share (how many pollers run, the batches in
 * flight, whether the mapping is stopping, the open long polls, the stop future) behind {@link QueuePoller.Group}.
 *
 * <p>Threading: every step runs on the {@link Scheduler}; a poller's steps never overlap, and shared state is guarded
 * by {@code this}.
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
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** The open long polls, by poller. */
    private final Map<QueuePoller, CompletableFuture<List<SourceRecord>>> receiving = new HashMap<>();

    private int pollerCount;
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
                List.copyOf(receiving.values()).forEach(r -> r.cancel(true));
            }
            completeStopIfIdle();
        }
        return stopped;
    }

    public MappingMetrics metrics() {
        return metrics;
    }

    /** Caller holds the lock. */
    private void addPoller() {
        pollerCount++;
        QueuePoller poller = new QueuePoller(settings, filter, clock, scheduler, metrics, batches, pollers);
        scheduler.execute(poller::receive);
    }

    /** Caller holds the lock. */
    private void completeStopIfIdle() {
        if (stopping && busy == 0) {
            stopped.complete(null);
        }
    }

    /** The shared state as the pollers see it; every method holds the runner's lock. */
    private final class Pollers implements QueuePoller.Group {
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
        public boolean receiveEnded(QueuePoller poller) {
            synchronized (QueueMappingRunner.this) {
                receiving.remove(poller);
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
                    retire();
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
                completeStopIfIdle();
            }
        }

        @Override
        public void retire() {
            synchronized (QueueMappingRunner.this) {
                pollerCount--;
                completeStopIfIdle();
            }
        }

        @Override
        public void receiveFailed(Throwable error) {
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
                        QueuePoller.MAX_RECEIVE_BACKOFF.toSeconds());
            } else {
                log.debug("Mapping {}: receive failed again: {}", settings.uuid(), cause);
            }
        }

        @Override
        public void receiveSucceeded() {
            synchronized (QueueMappingRunner.this) {
                if (!receiveFailing) {
                    return;
                }
                receiveFailing = false;
            }
            log.info(
                    "Mapping {}: receiving from {} works again",
                    settings.uuid(),
                    source.description().arn());
        }
    }
}
