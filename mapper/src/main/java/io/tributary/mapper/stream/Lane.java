package io.tributary.mapper.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One ordered lane of a shard: a queue of records and at most one batch in flight. A shard has one lane, or
 * ParallelizationFactor lanes with records spread by partition key, so records of one key stay in order while up to
 * N batches of the shard run at once (spec §3.3).
 *
 * <p>A batch leaves when BatchSize is reached, the next record would cross 6 MB or a tumbling-window boundary, the
 * batching window is over (it starts when the lane's previous invocation finished, or when its first record was
 * read, whichever is later; spec §5.6), or the shard has ended. With a tumbling window the lane also makes the
 * window's final invocation and holds the window's records back from the checkpoint until it succeeded.
 *
 * <p>Threading: every method runs with the owning {@link ShardConsumer}'s lock held.
 */
final class Lane {
    private final ShardConsumer owner;
    private final ShardContext ctx;
    private final BatchProcessor processor;
    private final TumblingWindow window;
    private final EventShape shape;
    private final ArrayDeque<ShardRecord> queue = new ArrayDeque<>();
    private final List<ShardRecord> windowRecords = new ArrayList<>();
    private boolean busy;
    private Instant idleSince;
    private Instant firstQueuedAt;
    private Instant timerAt;

    Lane(ShardConsumer owner, ShardContext ctx, BatchProcessor processor, TumblingWindow window) {
        this.owner = owner;
        this.ctx = ctx;
        this.processor = processor;
        this.window = window;
        this.shape = window != null ? window : EventShape.plain(ctx.settings().reportBatchItemFailures());
        this.idleSince = ctx.clock().instant();
    }

    void offer(ShardRecord record) {
        if (queue.isEmpty()) {
            firstQueuedAt = ctx.clock().instant();
        }
        queue.add(record);
    }

    int queued() {
        return queue.size();
    }

    boolean busy() {
        return busy;
    }

    /** Nothing queued, nothing in flight, no tumbling window waiting for its final invocation. */
    boolean drained() {
        return !busy && queue.isEmpty() && (window == null || !window.open());
    }

    /** Starts the next batch or final invocation when one is due, or sets a timer for when it will be. */
    void pump() {
        if (busy || ctx.isStopping()) {
            return;
        }
        Instant now = ctx.clock().instant();
        if (window != null && window.open() && finalInvokeDue(now)) {
            finalInvoke(window.stateTooLarge());
            return;
        }
        if (queue.isEmpty()) {
            return;
        }
        int reserved = window == null ? 0 : window.overheadBytes();
        int n = BatchCutter.count(queue, ctx.settings().batchSize(), reserved, window);
        boolean full = n == ctx.settings().batchSize() || n < queue.size();
        Duration batchingWindow = ctx.settings().batchingWindow();
        Instant deadline = later(idleSince, firstQueuedAt).plus(batchingWindow);
        if (full || batchingWindow.isZero() || owner.readerEnded() || !now.isBefore(deadline)) {
            start(n);
        } else {
            wakeAt(deadline);
        }
    }

    private boolean finalInvokeDue(Instant now) {
        if (window.stateTooLarge()) {
            return true;
        }
        if (!queue.isEmpty()) {
            return !window.contains(queue.peek());
        }
        if (owner.readerEnded()) {
            return true;
        }
        if (now.isBefore(window.end())) {
            wakeAt(window.end());
            return false;
        }
        // The end time passed: close once the shard is read to its tip (the reader pumps the lanes after each read).
        return owner.caughtUp();
    }

    private void start(int n) {
        List<ShardRecord> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(queue.poll());
        }
        firstQueuedAt = queue.isEmpty() ? null : ctx.clock().instant();
        if (window != null) {
            window.openFor(batch.get(0));
        }
        busy = true;
        processor.process(batch, shape, this::decided).whenCompleteAsync((ok, error) -> batchDone(), ctx.scheduler());
    }

    private void decided(List<ShardRecord> records) {
        synchronized (owner) {
            if (window != null) {
                windowRecords.addAll(records);
            } else {
                owner.recordsDone(records);
            }
        }
    }

    private void finalInvoke(boolean early) {
        busy = true;
        processor
                .invokeUntilSuccess(window.finalEvent(early))
                .whenCompleteAsync(
                        (succeeded, error) -> {
                            synchronized (owner) {
                                if (Boolean.TRUE.equals(succeeded)) {
                                    window.finished(early);
                                    owner.recordsDone(List.copyOf(windowRecords));
                                    windowRecords.clear();
                                }
                            }
                            batchDone();
                        },
                        ctx.scheduler());
    }

    private void batchDone() {
        synchronized (owner) {
            busy = false;
            idleSince = ctx.clock().instant();
            owner.laneIdle();
        }
    }

    private void wakeAt(Instant at) {
        if (timerAt != null
                && !timerAt.isAfter(at)
                && timerAt.isAfter(ctx.clock().instant())) {
            return;
        }
        timerAt = at;
        Duration delay = Duration.between(ctx.clock().instant(), at);
        ctx.scheduler().schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
            synchronized (owner) {
                if (at.equals(timerAt)) {
                    timerAt = null;
                }
                pump();
            }
        });
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
