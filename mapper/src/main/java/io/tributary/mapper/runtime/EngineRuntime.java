package io.tributary.mapper.runtime;

import io.tributary.api.FunctionRegistry;
import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureDestinations;
import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceException;
import io.tributary.api.StreamConnector;
import io.tributary.api.StreamSource;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRuntime;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.filter.FilterCriteria;
import io.tributary.mapper.queue.QueueMappingRunner;
import io.tributary.mapper.queue.QueueMappingSettings;
import io.tributary.mapper.stream.StreamMappingRunner;
import io.tributary.mapper.stream.StreamMappingSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final Map<String, MappingMetrics> metrics = new ConcurrentHashMap<>();
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
        this.clock = clock;
        this.scheduler = scheduler;
        this.describer = describer;
    }

    @Override
    public synchronized void apply(EventSourceMapping mapping) {
        CompletableFuture<Void> stopped = stopRunner(mapping.uuid());
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
        if (wanted.get(mapping.uuid()) == mapping && !running.containsKey(mapping.uuid())) {
            tryStart(mapping);
        }
    }

    @Override
    public synchronized void stop(String uuid) {
        wanted.remove(uuid);
        metrics.remove(uuid);
        CompletableFuture<Void> stopped = stopRunner(uuid);
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
        return Optional.ofNullable(results.get(uuid));
    }

    /** The counters of one mapping since this process started, or empty when it never ran here. */
    public Optional<MappingMetrics> metrics(String uuid) {
        return Optional.ofNullable(metrics.get(uuid));
    }

    /** Every mapping's counters since this process started, by UUID (kept across updates and disabling). */
    public Map<String, Map<String, Long>> metrics() {
        Map<String, Map<String, Long>> snapshot = new java.util.TreeMap<>();
        metrics.forEach((uuid, m) -> snapshot.put(uuid, m.snapshot()));
        return snapshot;
    }

    /**
     * Stops every mapping for a process shutdown: batches in flight finish and are acknowledged; SQS long polls are
     * then cancelled after {@link #SHUTDOWN_POLL_GRACE} instead of running out (up to 20 s). Completes when every
     * runner is done with its source, so the connectors can be closed.
     */
    public synchronized CompletableFuture<Void> shutdown() {
        wanted.clear();
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (String uuid : List.copyOf(running.keySet())) {
            Running old = running.remove(uuid);
            old.stop().whenComplete((ok, error) -> scheduler.schedule(SHUTDOWN_POLL_GRACE, old::cancelPolls));
            finished.add(closeWhenFinished(uuid, old));
        }
        return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new));
    }

    /**
     * Stops a runner; returns when its batches in flight are done. Its source is closed only once the runner no
     * longer uses it: an SQS runner's open long polls run out in the background and release what they return.
     */
    private CompletableFuture<Void> stopRunner(String uuid) {
        Running old = running.remove(uuid);
        if (old == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> stopped = old.stop();
        closeWhenFinished(uuid, old);
        return stopped;
    }

    /** Closes the runner's source once the runner no longer uses it; completes after that. */
    private static CompletableFuture<Void> closeWhenFinished(String uuid, Running old) {
        return old.finished().whenComplete((ok, error) -> {
            try {
                old.source().close();
            } catch (Exception e) {
                log.warn("Mapping {}: closing its source failed: {}", uuid, e.toString());
            }
        });
    }

    private void tryStart(EventSourceMapping mapping) {
        boolean stream = mapping.sourceKind() == SourceKind.KINESIS || mapping.sourceKind() == SourceKind.DYNAMODB;
        if (mapping.sourceKind() != SourceKind.SQS && !stream) {
            problem(mapping, "PROBLEM: Tributary cannot poll " + mapping.sourceKind() + " sources yet");
            return;
        }
        Optional<LambdaFunction> function = functions.find(mapping.functionArn());
        if (function.isEmpty()) {
            problem(mapping, "PROBLEM: Function call failed: function " + mapping.functionArn() + " does not exist");
            return;
        }
        if (function.get().failure().isPresent()) {
            problem(
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
            problem(mapping, "PROBLEM: no SQS endpoint is configured for " + mapping.eventSourceArn());
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
        if (wanted.get(mapping.uuid()) != mapping || running.containsKey(mapping.uuid())) {
            return; // updated, disabled or deleted while its queue was described: the newer apply decides
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SourceException e) {
            problem(mapping, "PROBLEM: cannot reach the queue " + mapping.eventSourceArn() + ": " + e.getMessage());
            retryLater(mapping);
            return;
        }
        if (cause != null) {
            problem(mapping, "PROBLEM: cannot reach the queue " + mapping.eventSourceArn() + ": " + cause);
            retryLater(mapping);
            return;
        }
        if (queue.isEmpty()) {
            problem(mapping, "PROBLEM: the queue " + mapping.eventSourceArn() + " does not exist");
            retryLater(mapping);
            return;
        }
        QueueSource source = connector.open(queue.get());
        QueueMappingRunner runner = new QueueMappingRunner(
                settings(mapping, queue.get(), function),
                source,
                function,
                filter(mapping),
                clock,
                scheduler,
                metrics.computeIfAbsent(mapping.uuid(), uuid -> new MappingMetrics()),
                result -> results.put(mapping.uuid(), result));
        running.put(mapping.uuid(), new QueueRunning(runner, source));
        runner.start();
    }

    private void tryStartStream(EventSourceMapping mapping, LambdaFunction function) {
        Optional<StreamConnector> connector =
                streams.stream().filter(c -> c.serves(mapping.eventSourceArn())).findFirst();
        if (connector.isEmpty()) {
            problem(
                    mapping,
                    "PROBLEM: no " + mapping.sourceKind() + " endpoint is configured for " + mapping.eventSourceArn());
            return;
        }
        OnFailureDestination onFailure = null;
        if (mapping.onFailureDestination() != null) {
            onFailure = destinations.find(mapping.onFailureDestination()).orElse(null);
            if (onFailure == null) {
                problem(
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
            problem(mapping, "PROBLEM: cannot reach the stream " + mapping.eventSourceArn() + ": " + e.getMessage());
            retryLater(mapping);
            return;
        }
        if (!exists) {
            problem(mapping, "PROBLEM: Stream not found: " + mapping.eventSourceArn());
            retryLater(mapping);
            return;
        }
        StreamSource source = connector.get().open(mapping.eventSourceArn());
        StreamMappingRunner runner = new StreamMappingRunner(
                StreamMappingSettings.from(mapping),
                source,
                function,
                filter(mapping),
                onFailure,
                checkpoints,
                clock,
                scheduler,
                metrics.computeIfAbsent(mapping.uuid(), uuid -> new MappingMetrics()),
                result -> results.put(mapping.uuid(), result));
        running.put(mapping.uuid(), new StreamRunning(runner, source));
        runner.start();
    }

    /** The mapping's FilterCriteria, validated when it was stored; a record the filter cannot read is invoked. */
    private static RecordFilter filter(EventSourceMapping mapping) {
        if (mapping.filterCriteria() == null || mapping.filterCriteria().isEmpty()) {
            return RecordFilter.ACCEPT_ALL;
        }
        FilterCriteria criteria = FilterCriteria.compile(mapping.sourceKind(), mapping.filterCriteria());
        return record -> {
            try {
                return criteria.matches(record.json());
            } catch (IllegalArgumentException e) {
                log.warn(
                        "Mapping {}: record {} is not valid JSON ({}); passing it to the function unfiltered",
                        mapping.uuid(),
                        record.id(),
                        e.getMessage());
                return true;
            }
        };
    }

    private static QueueMappingSettings settings(
            EventSourceMapping mapping, QueueDescription queue, LambdaFunction function) {
        return new QueueMappingSettings(
                mapping.uuid(),
                queue.arn() + " → " + function.config().name(),
                mapping.batchSize(),
                Duration.ofSeconds(mapping.maximumBatchingWindowInSeconds()),
                mapping.maximumConcurrency() == null ? DEFAULT_MAXIMUM_CONCURRENCY : mapping.maximumConcurrency(),
                mapping.reportsBatchItemFailures(),
                queue.fifo(),
                queue.visibilityTimeout());
    }

    private void problem(EventSourceMapping mapping, String result) {
        if (!result.equals(results.put(mapping.uuid(), result))) {
            log.warn(
                    "Mapping {} ({} → {}) is not polling: {}",
                    mapping.uuid(),
                    mapping.eventSourceArn(),
                    mapping.functionArn(),
                    result.substring("PROBLEM: ".length()));
        }
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

    /** A started runner and the source to close once it is done with it. */
    private interface Running {
        /** Stops it; completes when no batch is in flight any more. */
        CompletableFuture<Void> stop();

        /** Completes once the stopped runner no longer uses its source. */
        CompletableFuture<Void> finished();

        /** Process shutdown: cuts what still waits on the source short. */
        void cancelPolls();

        AutoCloseable source();
    }

    private record QueueRunning(QueueMappingRunner runner, QueueSource source) implements Running {
        @Override
        public CompletableFuture<Void> stop() {
            return runner.stop();
        }

        @Override
        public CompletableFuture<Void> finished() {
            return runner.finished();
        }

        @Override
        public void cancelPolls() {
            runner.cancelPolls();
        }
    }

    /** A stream runner has no long poll: it is done with its source once its batches are. */
    private record StreamRunning(StreamMappingRunner runner, StreamSource source) implements Running {
        @Override
        public CompletableFuture<Void> stop() {
            return runner.stop();
        }

        @Override
        public CompletableFuture<Void> finished() {
            return runner.stop();
        }

        @Override
        public void cancelPolls() {}
    }
}
