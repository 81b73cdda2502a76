package io.tributary.mapper.stream;

import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.api.StreamPosition;
import io.tributary.api.StreamShard;
import io.tributary.api.StreamSource;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.ShardCheckpoint;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
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
 * Runs one stream mapping (Kinesis, DynamoDB Streams): keeps the shard list fresh, starts a {@link ShardConsumer}
 * for every shard whose parents are finished ({@link ShardLineage}), and chooses where each shard starts:
 *
 * <ul>
 *   <li>a shard with a checkpoint resumes right after it, whatever the StartingPosition;
 *   <li>on the mapping's very first start (no checkpoint at all), the shards listed then start at StartingPosition.
 *       With LATEST, shards already closed then are skipped (marked finished), as they hold only old records;
 *   <li>every other shard (children found later, or any shard once the mapping has checkpoints) starts at
 *       TRIM_HORIZON, so no record written after the last checkpoint is ever skipped.
 * </ul>
 *
 * <p>The shard list is read at start, every {@link StreamMappingSettings#shardRefreshInterval()} and as soon as a
 * shard finishes (so its children start at once). Threading: every step runs on the {@link Scheduler}; shared state
 * is guarded by {@code this}.
 */
public final class StreamMappingRunner {
    static final String NO_RECORDS_PROCESSED = "No records processed";
    private static final Logger log = LoggerFactory.getLogger(StreamMappingRunner.class);

    private final StreamMappingSettings settings;
    private final StreamSource source;
    private final LambdaFunction function;
    private final RecordFilter filter;
    private final OnFailureDestination onFailure;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingMetrics metrics;
    private final StreamMetrics streamMetrics = new StreamMetrics();
    private final Consumer<String> lastProcessingResult;
    private final Map<String, ShardConsumer> consumers = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private Set<String> initialShards;
    private boolean firstStart;
    private volatile boolean stopping;
    private boolean refreshing;
    private boolean refreshAgain;

    /**
     * @param onFailure the DestinationConfig.OnFailure target, or {@code null} when none is configured
     * @param lastProcessingResult receives the mapping's LastProcessingResult as it changes
     */
    public StreamMappingRunner(
            StreamMappingSettings settings,
            StreamSource source,
            LambdaFunction function,
            RecordFilter filter,
            OnFailureDestination onFailure,
            CheckpointStore checkpoints,
            Clock clock,
            Scheduler scheduler,
            MappingMetrics metrics,
            Consumer<String> lastProcessingResult) {
        this.settings = settings;
        this.source = source;
        this.function = function;
        this.filter = filter;
        this.onFailure = onFailure;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.lastProcessingResult = lastProcessingResult;
    }

    /** Loads the mapping's checkpoints and starts reading the shard list. Returns at once. */
    public synchronized void start() {
        Map<String, ShardCheckpoint> stored = checkpoints.loadAll(settings.uuid());
        firstStart = stored.isEmpty();
        stored.forEach((shard, checkpoint) -> {
            if (checkpoint.finished()) {
                finished.add(shard);
            }
        });
        lastProcessingResult.accept(NO_RECORDS_PROCESSED);
        log.info(
                "Mapping {} started: reading {} → {} ({}; batch size {}, window {} s, {} lane(s) per shard)",
                settings.uuid(),
                source.streamArn(),
                function.config().name(),
                firstStart ? "first start at " + settings.startingPosition().type() : "resuming from checkpoints",
                settings.batchSize(),
                settings.batchingWindow().toSeconds(),
                settings.lanes());
        scheduler.execute(() -> refresh(true));
    }

    /**
     * Stops reading. Batches in flight finish and are checkpointed; retries still waiting are not made (those
     * records are read again after a restart).
     *
     * @return completes when no batch of this mapping is in flight any more
     */
    public CompletableFuture<Void> stop() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (this) {
            if (!stopping) {
                stopping = true;
                log.info("Mapping {} stopping: no new reads; finishing batches in flight", settings.uuid());
            }
            for (ShardConsumer consumer : consumers.values()) {
                stops.add(consumer.stop());
            }
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    public MappingMetrics metrics() {
        return metrics;
    }

    /** IteratorAge and the discard counters. */
    public StreamMetrics streamMetrics() {
        return streamMetrics;
    }

    /** Shard ids being read now (for tests and status). */
    public synchronized Set<String> activeShards() {
        return Set.copyOf(consumers.keySet());
    }

    /** Reads the shard list; the periodic chain reschedules itself, extra reads (a shard finished) do not. */
    private void refresh(boolean periodic) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            if (refreshing) {
                if (periodic) {
                    scheduler.schedule(settings.shardRefreshInterval(), () -> refresh(true));
                } else {
                    refreshAgain = true;
                }
                return;
            }
            refreshing = true;
        }
        source.listShards()
                .whenCompleteAsync(
                        (shards, error) -> {
                            synchronized (this) {
                                refreshing = false;
                                if (stopping) {
                                    return;
                                }
                                if (error != null) {
                                    log.warn(
                                            "Mapping {}: cannot list the shards of {}: {}; trying again in {} s",
                                            settings.uuid(),
                                            source.streamArn(),
                                            error.getCause() != null
                                                    ? error.getCause().getMessage()
                                                    : error.getMessage(),
                                            settings.shardRefreshInterval().toSeconds());
                                } else {
                                    startReadyShards(shards);
                                }
                                if (refreshAgain) {
                                    refreshAgain = false;
                                    scheduler.execute(() -> refresh(false));
                                }
                            }
                            if (periodic) {
                                scheduler.schedule(settings.shardRefreshInterval(), () -> refresh(true));
                            }
                        },
                        scheduler);
    }

    /** Caller holds the lock. */
    private void startReadyShards(List<StreamShard> shards) {
        if (initialShards == null) {
            initialShards = new HashSet<>();
            for (StreamShard shard : shards) {
                initialShards.add(shard.shardId());
                if (firstStart && settings.startingPosition().type() == StreamPosition.Type.LATEST && shard.closed()) {
                    // LATEST reads only what is written from now on: closed shards hold nothing new.
                    checkpoints.markShardFinished(settings.uuid(), shard.shardId());
                    finished.add(shard.shardId());
                }
            }
        }
        for (StreamShard shard : ShardLineage.ready(shards, finished, consumers.keySet())) {
            StreamPosition position = firstStart && initialShards.contains(shard.shardId())
                    ? settings.startingPosition()
                    : StreamPosition.trimHorizon();
            ShardContext ctx = new ShardContext(
                    settings,
                    shard.shardId(),
                    source.streamArn(),
                    function,
                    onFailure,
                    clock,
                    scheduler,
                    metrics,
                    streamMetrics,
                    lastProcessingResult,
                    this::isStopping);
            ShardConsumer consumer =
                    new ShardConsumer(ctx, source, filter, checkpoints, position, () -> shardFinished(shard.shardId()));
            consumers.put(shard.shardId(), consumer);
            log.info(
                    "Mapping {}: reading shard {}{}",
                    settings.uuid(),
                    shard.shardId(),
                    shard.parentShardId() == null ? "" : " (its parents are finished)");
            consumer.start();
        }
    }

    private void shardFinished(String shardId) {
        synchronized (this) {
            consumers.remove(shardId);
            finished.add(shardId);
        }
        refresh(false);
    }

    private boolean isStopping() {
        return stopping;
    }
}
