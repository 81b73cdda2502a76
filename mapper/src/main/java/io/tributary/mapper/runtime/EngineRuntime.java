package io.tributary.mapper.runtime;

import io.tributary.api.FunctionRegistry;
import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureDestinations;
import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.SourceException;
import io.tributary.api.StreamConnector;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRuntime;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.queue.QueueMappingRunner;
import io.tributary.mapper.stream.StreamMappingRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: one runner per enabled mapping, started, restarted and stopped as the control plane asks. A mapping
 * whose source or function cannot be used does not poll (so no message is received only to fail); its
 * LastProcessingResult says why, and a missing or unreachable source is looked up again every {@link #RETRY}.
 *
 * <p>SQS mappings run a {@link QueueMappingRunner}; Kinesis and DynamoDB Streams mappings a {@link StreamMappingRunner}
 * on the {@link StreamConnector} that serves the stream, with the {@link CheckpointStore} and the mapping's
 * {@code DestinationConfig.OnFailure} resolved through {@link OnFailureDestinations}. Deleting a mapping
 * ({@link #stop}) forgets its checkpoints once its batches in flight finished.
 */
public final class EngineRuntime implements MappingRuntime {
    /** Concurrent batches per SQS mapping when ScalingConfig.MaximumConcurrency is not set. */
    public static final int DEFAULT_MAXIMUM_CONCURRENCY = 10;

    static final Duration RETRY = Duration.ofSeconds(10);
    /**
     * At shutdown, how long SQS long polls stay open after the mapping's batches in flight are done, for responses
     * already on their way (their messages are released); then they are cancelled rather than waited for (up to 20 s).
     */
    static final Duration SHUTDOWN_POLL_GRACE = Duration.ofMillis(300);
    /** Queues described at once; their threads end after a few idle seconds, so an idle runtime keeps none. */
    static final int DESCRIBERS = 8;

    private static final Logger log = LoggerFactory.getLogger(EngineRuntime.class);

    private final FunctionRegistry functions;
    private final List<QueueConnector> queues;
    private final List<StreamConnector> streams;
    private final CheckpointStore checkpoints;
    private final OnFailureDestinations destinations;
    private final Scheduler scheduler;
    private final MappingStatus status = new MappingStatus();
    private final MappingRunners runners;
    private final RunningMappings running;
    private final Map<String, EventSourceMapping> wanted = new ConcurrentHashMap<>();
    private final Executor describer;

    /** A runtime for SQS mappings only: stream mappings report that no stream endpoint is configured. */
    public EngineRuntime(FunctionRegistry functions, List<QueueConnector> queues, Clock clock, Scheduler scheduler) {
        this(functions, queues, List.of(), null, OnFailureDestinations.NONE, clock, scheduler);
    }

    /**
     * @param streams the stream connectors (Kinesis, DynamoDB Streams), asked in order which one serves an ARN
     * @param checkpoints where stream mappings keep their shard positions; may be {@code null} only without streams
     * @param destinations resolves stream mappings' on-failure destination ARNs
     */
    public EngineRuntime(
            FunctionRegistry functions,
            List<QueueConnector> queues,
            List<StreamConnector> streams,
            CheckpointStore checkpoints,
            OnFailureDestinations destinations,
            Clock clock,
            Scheduler scheduler) {
        this(functions, queues, streams, checkpoints, destinations, clock, scheduler, describerPool());
    }

    /** As above; {@code describer} runs the blocking {@link QueueConnector#describe} calls (tests run them by hand). */
    EngineRuntime(
            FunctionRegistry functions,
            List<QueueConnector> queues,
            List<StreamConnector> streams,
            CheckpointStore checkpoints,
            OnFailureDestinations destinations,
            Clock clock,
            Scheduler scheduler,
            Executor describer) {
        if (!streams.isEmpty() && checkpoints == null) {
            throw new IllegalArgumentException("stream connectors need a checkpoint store");
        }
        this.functions = functions;
        this.queues = List.copyOf(queues);
        this.streams = List.copyOf(streams);
        this.checkpoints = checkpoints;
        this.destinations = destinations;
        this.scheduler = scheduler;
        this.runners = new MappingRunners(checkpoints, clock, scheduler, status);
        this.running = new RunningMappings(scheduler);
        this.describer = describer;
    }

    @Override
    public synchronized void apply(EventSourceMapping mapping) {
        CompletableFuture<Void> stopped = running.stop(mapping.uuid());
        if (!mapping.enabled()) {
            wanted.remove(mapping.uuid());
            log.info("Mapping {} is disabled: not polling {}", mapping.uuid(), mapping.eventSourceArn());
            return;
        }
        wanted.put(mapping.uuid(), mapping);
        if (mapping.sourceKind() != SourceKind.SQS && !stopped.isDone()) {
            // A shard is read by one runner at a time: the new one starts from the checkpoints the old one leaves
            // once its batches in flight are done, so records are neither reordered nor processed twice at once.
            stopped.whenComplete((ok, error) -> scheduler.execute(() -> startIfStillWanted(mapping)));
            return;
        }
        tryStart(mapping);
    }

    private synchronized void startIfStillWanted(EventSourceMapping mapping) {
        if (wanted.get(mapping.uuid()) == mapping && !running.contains(mapping.uuid())) {
            tryStart(mapping);
        }
    }

    @Override
    public synchronized void stop(String uuid) {
        wanted.remove(uuid);
        status.forgetMetrics(uuid);
        CompletableFuture<Void> stopped = running.stop(uuid);
        if (checkpoints != null) {
            // The mapping is deleted: a new mapping of the same stream starts at its own StartingPosition.
            stopped.whenComplete((ok, error) -> forgetCheckpoints(uuid));
        }
    }

    private void forgetCheckpoints(String uuid) {
        try {
            checkpoints.deleteAll(uuid);
        } catch (RuntimeException e) {
            log.warn("Mapping {} is deleted but its checkpoints could not be removed: {}", uuid, e.getMessage());
        }
    }

    @Override
    public Optional<String> lastProcessingResult(String uuid) {
        return status.lastProcessingResult(uuid);
    }

    /** The counters of one mapping since this process started, or empty when it never ran here. */
    public Optional<MappingMetrics> metrics(String uuid) {
        return status.metrics(uuid);
    }

    /** Every mapping's counters since this process started, by UUID (kept across updates and disabling). */
    public Map<String, Map<String, Long>> metrics() {
        return status.metricsSnapshot();
    }

    /**
     * Stops every mapping for a process shutdown: batches in flight finish and are acknowledged; SQS long polls are
     * then cancelled after {@link #SHUTDOWN_POLL_GRACE} instead of running out (up to 20 s). Completes when every
     * runner is done with its source, so the connectors can be closed.
     */
    public synchronized CompletableFuture<Void> shutdown() {
        wanted.clear();
        return running.stopAll(SHUTDOWN_POLL_GRACE);
    }

    private void tryStart(EventSourceMapping mapping) {
        boolean stream = mapping.sourceKind() == SourceKind.KINESIS || mapping.sourceKind() == SourceKind.DYNAMODB;
        if (mapping.sourceKind() != SourceKind.SQS && !stream) {
            status.problem(mapping, "PROBLEM: Tributary cannot poll " + mapping.sourceKind() + " sources yet");
            return;
        }
        Optional<LambdaFunction> function = functions.find(mapping.functionArn());
        if (function.isEmpty()) {
            status.problem(
                    mapping, "PROBLEM: Function call failed: function " + mapping.functionArn() + " does not exist");
            return;
        }
        if (function.get().failure().isPresent()) {
            status.problem(
                    mapping,
                    "PROBLEM: Function call failed: " + function.get().failure().get());
            return;
        }
        if (stream) {
            tryStartStream(mapping, function.get());
            return;
        }
        Optional<QueueConnector> connector =
                queues.stream().filter(q -> q.serves(mapping.eventSourceArn())).findFirst();
        if (connector.isEmpty()) {
            status.problem(mapping, "PROBLEM: no SQS endpoint is configured for " + mapping.eventSourceArn());
            return;
        }
        // GetQueueUrl and GetQueueAttributes are blocking round trips: they run on the describer threads, so starting
        // many mappings (1,000 at start-up) describes their queues in parallel instead of one after the other.
        QueueConnector queueConnector = connector.get();
        LambdaFunction fn = function.get();
        CompletableFuture.supplyAsync(() -> queueConnector.describe(mapping.eventSourceArn()), describer)
                .whenComplete((queue, error) -> described(mapping, queueConnector, fn, queue, error));
    }

    /** Starts the runner of {@code mapping} on its described queue, unless the mapping was changed or stopped since. */
    private synchronized void described(
            EventSourceMapping mapping,
            QueueConnector connector,
            LambdaFunction function,
            Optional<QueueDescription> queue,
            Throwable error) {
        if (wanted.get(mapping.uuid()) != mapping || running.contains(mapping.uuid())) {
            return; // updated, disabled or deleted while its queue was described: the newer apply decides
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SourceException e) {
            status.problem(
                    mapping, "PROBLEM: cannot reach the queue " + mapping.eventSourceArn() + ": " + e.getMessage());
            retryLater(mapping);
            return;
        }
        if (cause != null) {
            status.problem(mapping, "PROBLEM: cannot reach the queue " + mapping.eventSourceArn() + ": " + cause);
            retryLater(mapping);
            return;
        }
        if (queue.isEmpty()) {
            status.problem(mapping, "PROBLEM: the queue " + mapping.eventSourceArn() + " does not exist");
            retryLater(mapping);
            return;
        }
        RunningMapping runner = runners.queue(mapping, connector, queue.get(), function);
        running.add(mapping.uuid(), runner);
        runner.start();
    }

    private void tryStartStream(EventSourceMapping mapping, LambdaFunction function) {
        Optional<StreamConnector> connector =
                streams.stream().filter(c -> c.serves(mapping.eventSourceArn())).findFirst();
        if (connector.isEmpty()) {
            status.problem(
                    mapping,
                    "PROBLEM: no " + mapping.sourceKind() + " endpoint is configured for " + mapping.eventSourceArn());
            return;
        }
        OnFailureDestination onFailure = null;
        if (mapping.onFailureDestination() != null) {
            onFailure = destinations.find(mapping.onFailureDestination()).orElse(null);
            if (onFailure == null) {
                status.problem(
                        mapping,
                        "PROBLEM: no endpoint is configured for the on-failure destination "
                                + mapping.onFailureDestination());
                return;
            }
        }
        boolean exists;
        try {
            exists = connector.get().exists(mapping.eventSourceArn());
        } catch (SourceException e) {
            status.problem(
                    mapping, "PROBLEM: cannot reach the stream " + mapping.eventSourceArn() + ": " + e.getMessage());
            retryLater(mapping);
            return;
        }
        if (!exists) {
            status.problem(mapping, "PROBLEM: Stream not found: " + mapping.eventSourceArn());
            retryLater(mapping);
            return;
        }
        RunningMapping runner = runners.stream(mapping, connector.get(), function, onFailure);
        running.add(mapping.uuid(), runner);
        runner.start();
    }

    private void retryLater(EventSourceMapping mapping) {
        scheduler.schedule(RETRY, () -> startIfStillWanted(mapping));
    }

    private static Executor describerPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                DESCRIBERS, DESCRIBERS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "tributary-describe-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
