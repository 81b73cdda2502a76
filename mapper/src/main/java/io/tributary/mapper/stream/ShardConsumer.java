package io.tributary.mapper.stream;

import io.tributary.api.GetRecordsResult;
import io.tributary.api.StreamPosition;
import io.tributary.api.StreamRecord;
import io.tributary.api.StreamSource;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.runtime.RecordFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one shard and checkpoints it: the per-shard half of the stream engine (the KCL's ShardConsumer role).
 *
 * <pre>
 *            start
 *              │
 *              ▼          error: back off, new iterator after the last record read
 *      ┌─► OPENING ◄──────────────────────────────────────────┐
 *      │       │ iterator                                     │
 *      │       ▼                                              │
 *      │   READING ──records──► filter ──► ShardLanes (batch, invoke, retry, on-failure)
 *      │    │  ▲  │                  │ filtered out: done     │ decided records
 *      │    │  └──┘ more / poll      ▼                        ▼
 *      │    │       interval     ShardCheckpointer ──contiguous prefix──► CheckpointStore.save
 *      │    │ nextIterator null
 *      │    ▼
 *      │  ENDED ── every record decided and checkpointed ──► FINISHED (markShardFinished; children may start)
 *      │
 *   stop() from any state ──► STOPPING ── no batch in flight ──► STOPPED (undecided records are read again later)
 * </pre>
 *
 * <p>This class owns the reading and the states; the lanes ({@link ShardLanes}) batch and invoke, and the
 * {@link ShardCheckpointer} decides what may be checkpointed. Reading stays at most about BatchSize × lanes records
 * ahead of processing. Threading: every step runs on the scheduler; state is guarded by this object's lock, and the
 * lanes and the checkpointer run under it too.
 */
final class ShardConsumer {
    private static final Logger log = LoggerFactory.getLogger(ShardConsumer.class);
    private static final int MAX_READ = 10_000;
    private static final int MIN_READ = 1_000;
    private static final Duration MAX_READ_BACKOFF = Duration.ofSeconds(30);

    enum State {
        OPENING,
        READING,
        ENDED,
        FINISHED,
        STOPPED
    }

    private final ShardContext ctx;
    private final StreamSource source;
    private final RecordFilter filter;
    private final ShardCheckpointer checkpointer;
    private final StreamPosition initialPosition;
    private final Runnable onFinished;
    private final ShardLanes lanes;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final int readAhead;
    private State state = State.OPENING;
    private String iterator;
    private String lastRead;
    private boolean reading;
    private boolean caughtUp;
    private Duration backoff = Duration.ZERO;

    /**
     * @param initialPosition where to start when the shard has no checkpoint
     * @param onFinished called once the shard has ended and is checkpointed as finished
     */
    ShardConsumer(
            ShardContext ctx,
            StreamSource source,
            RecordFilter filter,
            CheckpointStore checkpoints,
            StreamPosition initialPosition,
            Runnable onFinished) {
        this.ctx = ctx;
        this.source = source;
        this.filter = filter;
        this.checkpointer = new ShardCheckpointer(ctx.uuid(), ctx.shardId(), checkpoints);
        this.initialPosition = initialPosition;
        this.onFinished = onFinished;
        this.lanes = new ShardLanes(this, ctx);
        // At least one full read (1,000 records) ahead of the lanes, so the next GetRecords is in flight while the
        // lanes work through the last one: with small batches, reading only when the lanes are nearly empty put every
        // read's round trip on the critical path (measured in docs/benchmarks.md, "Kinesis throughput").
        this.readAhead = Math.max(ctx.settings().batchSize() * ctx.settings().lanes(), MIN_READ);
    }

    void start() {
        ctx.scheduler().execute(this::open);
    }

    /** Stops reading and starting batches; completes when no batch of this shard is in flight. */
    synchronized CompletableFuture<Void> stop() {
        if (state != State.FINISHED) {
            state = State.STOPPED;
        }
        completeStopIfIdle();
        return stopped;
    }

    synchronized State state() {
        return state;
    }

    /** Resumes after the checkpoint (or the last record read, after an error), else at the initial position. */
    private void open() {
        StreamPosition position;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            if (lastRead == null) {
                lastRead = checkpointer.load().orElse(null);
            }
            position = lastRead != null ? StreamPosition.afterSequenceNumber(lastRead) : initialPosition;
        }
        source.getIterator(ctx.shardId(), position)
                .whenCompleteAsync(
                        (it, error) -> {
                            if (error != null) {
                                readFailed("open an iterator on", error);
                                return;
                            }
                            synchronized (this) {
                                iterator = it;
                                if (state == State.OPENING) {
                                    state = State.READING;
                                }
                                log.debug("Mapping {}: reading shard {} from {}", ctx.uuid(), ctx.shardId(), position);
                            }
                            read();
                        },
                        ctx.scheduler());
    }

    private void read() {
        String from;
        synchronized (this) {
            if (state != State.READING || lanes.queued() >= readAhead) {
                reading = false;
                return;
            }
            reading = true;
            from = iterator;
        }
        int limit = Math.min(MAX_READ, Math.max(readAhead, MIN_READ));
        source.getRecords(from, limit)
                .whenCompleteAsync(
                        (result, error) -> {
                            if (error != null) {
                                readFailed("read", error);
                            } else {
                                received(result);
                            }
                        },
                        ctx.scheduler());
    }

    private synchronized void received(GetRecordsResult result) {
        if (state == State.STOPPED) {
            reading = false;
            completeStopIfIdle();
            return;
        }
        if (!backoff.isZero()) {
            log.info("Mapping {}: reading shard {} works again", ctx.uuid(), ctx.shardId());
            backoff = Duration.ZERO;
        }
        ctx.metrics().polled(result.records().size());
        List<ShardRecord> filteredOut = new ArrayList<>(0);
        for (StreamRecord streamRecord : result.records()) {
            ShardRecord record = ShardRecord.of(streamRecord);
            checkpointer.read(record);
            lastRead = record.sequenceNumber();
            if (filter.accepts(record.source())) {
                lanes.offer(record);
            } else {
                filteredOut.add(record);
            }
        }
        if (!filteredOut.isEmpty()) {
            // Filtered-out stream records are checkpointed past without invoking the function (spec: ARCHITECTURE).
            ctx.metrics().filteredOut(filteredOut.size());
            recordsDone(filteredOut);
        }
        caughtUp = result.records().isEmpty()
                || (result.behindLatest() != null && result.behindLatest().isZero());
        if (result.records().isEmpty() && result.behindLatest() != null && lanes.drained()) {
            // Idle and caught up: the age is what the stream says, not the last batch's (which is long done).
            ctx.streamMetrics().iteratorAge(ctx.shardId(), result.behindLatest());
        }
        if (result.shardEnded()) {
            state = State.ENDED;
            reading = false;
            log.info("Mapping {}: shard {} has ended; finishing its last records", ctx.uuid(), ctx.shardId());
        } else {
            iterator = result.nextIterator();
            if (result.records().isEmpty()) {
                ctx.scheduler().schedule(ctx.settings().pollInterval(), this::read);
            } else {
                ctx.scheduler().execute(this::read);
            }
        }
        lanes.pump();
        checkEnd();
    }

    private void readFailed(String what, Throwable error) {
        synchronized (this) {
            reading = false;
            if (state == State.STOPPED) {
                completeStopIfIdle();
                return;
            }
            boolean first = backoff.isZero();
            backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_READ_BACKOFF);
            String cause = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
            if (first) {
                log.warn(
                        "Mapping {}: cannot {} shard {}: {}; retrying with backoff",
                        ctx.uuid(),
                        what,
                        ctx.shardId(),
                        cause);
            }
            state = State.OPENING;
        }
        ctx.scheduler().schedule(backoff, this::open);
    }

    /** Records whose processing is final (lanes, filters): moves the checkpoint over the contiguous done prefix. */
    synchronized void recordsDone(List<ShardRecord> records) {
        checkpointer.decided(records);
    }

    /** A lane finished a batch: read more if there is room, start what is due, see whether the shard is done. */
    synchronized void laneIdle() {
        if (state == State.STOPPED) {
            completeStopIfIdle();
            return;
        }
        if (!reading && state == State.READING && lanes.queued() < readAhead) {
            reading = true;
            ctx.scheduler().execute(this::read);
        }
        lanes.pump();
        checkEnd();
    }

    synchronized boolean readerEnded() {
        return state == State.ENDED;
    }

    synchronized boolean caughtUp() {
        return caughtUp;
    }

    private void checkEnd() {
        if (state != State.ENDED || !checkpointer.allDecided() || !lanes.drained()) {
            return;
        }
        try {
            checkpointer.finishShard();
        } catch (RuntimeException e) {
            log.warn(
                    "Mapping {}: cannot mark shard {} as finished ({}); trying again",
                    ctx.uuid(),
                    ctx.shardId(),
                    e.getMessage());
            ctx.scheduler().schedule(Duration.ofSeconds(1), () -> {
                synchronized (this) {
                    checkEnd();
                }
            });
            return;
        }
        state = State.FINISHED;
        ctx.streamMetrics().shardClosed(ctx.shardId());
        log.info("Mapping {}: shard {} is fully processed", ctx.uuid(), ctx.shardId());
        stopped.complete(null);
        ctx.scheduler().execute(onFinished);
    }

    private void completeStopIfIdle() {
        if (!lanes.busy()) {
            stopped.complete(null);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
