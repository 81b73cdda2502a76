package io.tributary.mapper.queue;

import io.tributary.api.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pollers of one mapping as one {@link QueuePoller} sees them, kept by {@link QueueMappingRunner}: how many there
 * are, the batches in flight, whether the mapping is stopping, and which pollers wait (on a long poll or a timer)
 * holding a batch being gathered, which a stop takes from them ({@link QueuePoller#takeGathered()}) and releases at
 * once. Every method is atomic.
 */
interface PollerGroup {
    /**
     * Opens a receive for {@code poller} and lets it wait, unless the mapping is stopping: checking for a stop and
     * registering the long poll are one step, so a stop sees every poll it races with.
     *
     * @return the receive, or {@code null} when the mapping is stopping (the poller then ends)
     */
    CompletableFuture<List<SourceRecord>> receive(QueuePoller poller, int maxMessages, Duration waitTime);

    /**
     * Lets {@code poller} wait on a timer, unless the mapping is stopping.
     *
     * @return whether it waits; {@code false} when the mapping is stopping (the poller then ends)
     */
    boolean sleep(QueuePoller poller);

    /** The poller's receive or timer is done; returns whether the mapping is stopping (the poller then ends). */
    boolean wake(QueuePoller poller);

    /** A receive came back full: another poller can take what is waiting (up to MaximumConcurrency). */
    void addPoller();

    /** Retires the calling poller if others remain (an idle queue needs one); returns whether it retired. */
    boolean retireIfOthersRemain();

    /** Counts a batch as in flight, unless the mapping is stopping; returns whether it may be invoked. */
    boolean startBatch();

    /** A batch's deletes are done (or failed and were logged). */
    void batchAcknowledged();

    /**
     * The calling poller ends because the mapping is stopping. {@code unprocessed} (received, never invoked) is
     * released: made visible again at once, for the mapping's next run or any other consumer.
     */
    void stopped(List<SourceRecord> unprocessed);
}
