package io.tributary.mapper.stream;

import io.tributary.api.InvocationResult;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.Payload;
import io.tributary.mapper.batch.RequestIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one batch of a lane to a final decision for every record: invoke, then follow {@link RetryRules} (retry with
 * backoff, bisect, partial batch response, record age, MaximumRetryAttempts), and for a discarded chunk publish the
 * on-failure record before reporting its records as decided. Chunks run one at a time and in shard order, so the
 * lane stays ordered while it retries (spec §3.3: the shard is blocked while retrying).
 *
 * <p>When the mapping stops, the chunk in flight finishes but nothing more is invoked: undecided records are not
 * reported, so they are not checkpointed and are read again after a restart.
 */
final class BatchProcessor {
    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
    static final String OK = "OK";
    static final String FUNCTION_CALL_FAILED = "PROBLEM: Function call failed";

    private final ShardContext ctx;
    private final RetryRules rules;
    private final OnFailureRecordBuilder failureRecords;

    BatchProcessor(ShardContext ctx) {
        this.ctx = ctx;
        this.rules = new RetryRules(ctx.settings());
        this.failureRecords = new OnFailureRecordBuilder(
                ctx.settings().sourceKind(), ctx.function().config().arn(), ctx.streamArn());
    }

    /**
     * @param decided called (on the scheduler) with records whose processing is final: succeeded, or discarded after
     *     their on-failure record was accepted
     * @return completes when the batch is decided or abandoned because the mapping stops; never fails
     */
    CompletableFuture<Void> process(List<ShardRecord> batch, EventShape shape, Consumer<List<ShardRecord>> decided) {
        Run run = new Run(shape, decided);
        run.chunks.add(Chunk.of(batch));
        next(run);
        return run.done;
    }

    /**
     * Invokes a record-less event (a tumbling window's final invocation) until the function accepts it.
     *
     * @return completes with {@code true} on success, {@code false} when the mapping stopped first
     */
    CompletableFuture<Boolean> invokeUntilSuccess(Payload event) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        invokeUntilSuccess(event, 1, done);
        return done;
    }

    private void invokeUntilSuccess(Payload event, int attempt, CompletableFuture<Boolean> done) {
        if (ctx.isStopping()) {
            done.complete(false);
            return;
        }
        String requestId = RequestIds.next();
        ctx.function()
                .invoke(requestId, event)
                .whenCompleteAsync(
                        (result, error) -> {
                            if (error == null && result instanceof InvocationResult.Success) {
                                ctx.metrics().invoked(0);
                                ctx.lastProcessingResult().accept(OK);
                                done.complete(true);
                                return;
                            }
                            count(result, 0);
                            log.warn(
                                    "Mapping {}: the final invocation of a tumbling window on {} failed ({}); retrying, the shard"
                                            + " waits until it succeeds",
                                    ctx.uuid(),
                                    ctx.shardId(),
                                    error != null ? error.getMessage() : result);
                            ctx.scheduler()
                                    .schedule(
                                            RetryRules.backoff(attempt),
                                            () -> invokeUntilSuccess(event, attempt + 1, done));
                        },
                        ctx.scheduler());
    }

    private void next(Run run) {
        if (run.chunks.isEmpty()) {
            run.done.complete(null);
            return;
        }
        if (ctx.isStopping()) {
            log.info(
                    "Mapping {} stopped while shard {} had {} record groups to retry; they are processed again"
                            + " after a restart",
                    ctx.uuid(),
                    ctx.shardId(),
                    run.chunks.size());
            run.done.complete(null);
            return;
        }
        Chunk chunk = run.chunks.poll();
        String requestId = RequestIds.next();
        Payload event = run.shape.event(chunk.records());
        Instant now = ctx.clock().instant();
        ShardRecord last = chunk.records().get(chunk.size() - 1);
        ctx.streamMetrics().iteratorAge(ctx.shardId(), Duration.between(last.arrival(), now));
        ctx.function()
                .invoke(requestId, event)
                .whenCompleteAsync((result, error) -> decide(run, chunk, requestId, result, error), ctx.scheduler());
    }

    private void decide(Run run, Chunk chunk, String requestId, InvocationResult result, Throwable error) {
        Outcome outcome;
        if (error != null) {
            // Executors report function failures as values; an exception here is a bug, handled as a failure.
            log.error("Mapping {}: the executor failed unexpectedly", ctx.uuid(), error);
            outcome = new Outcome.Failed(ResponseInterpreter.UNHANDLED, String.valueOf(error.getMessage()));
        } else {
            outcome = run.shape.interpret(result, chunk.records());
        }
        Chunk invoked = outcome instanceof Outcome.Throttled ? chunk : chunk.invoked();
        count(result, chunk.size());
        if (outcome instanceof Outcome.Succeeded) {
            ctx.lastProcessingResult().accept(OK);
        } else if (!(outcome instanceof Outcome.Throttled)) {
            run.lastFailure = outcome;
            run.lastRequestId = requestId;
            ctx.lastProcessingResult().accept(FUNCTION_CALL_FAILED);
            ctx.metrics().failed(chunk.size());
            logFailure(chunk, requestId, outcome);
        }
        RetryRules.Step step = rules.decide(invoked, outcome, ctx.clock().instant());
        if (step instanceof RetryRules.Step.Done) {
            run.decided.accept(chunk.records());
            next(run);
        } else if (step instanceof RetryRules.Step.Continue next) {
            report(run, chunk, next.succeeded());
            List<Chunk> chunks = next.next();
            for (int i = chunks.size() - 1; i >= 0; i--) {
                run.chunks.addFirst(chunks.get(i));
            }
            if (next.delay().isZero()) {
                ctx.scheduler().execute(() -> next(run));
            } else {
                ctx.scheduler().schedule(next.delay(), () -> next(run));
            }
        } else if (step instanceof RetryRules.Step.GiveUp giveUp) {
            report(run, chunk, giveUp.succeeded());
            discard(run, giveUp.failed(), giveUp.condition(), requestId, 1);
        } else {
            throw new IllegalStateException("unknown step " + step);
        }
    }

    private void count(InvocationResult result, int records) {
        if (result instanceof InvocationResult.Throttled) {
            ctx.metrics().throttled();
        } else {
            ctx.metrics().invoked(records);
        }
    }

    private static void report(Run run, Chunk chunk, int succeeded) {
        if (succeeded > 0) {
            run.decided.accept(chunk.records().subList(0, succeeded));
        }
    }

    /** Sends the on-failure record (until the destination accepts it), then reports the records as decided. */
    private void discard(Run run, Chunk failed, RetryRules.Condition condition, String requestId, int attempt) {
        String lastRequest = run.lastRequestId != null ? run.lastRequestId : requestId;
        Instant now = ctx.clock().instant();
        Payload json = failureRecords.build(
                lastRequest, condition, failed.invocations(), run.lastFailure, ctx.shardId(), failed.records(), now);
        if (ctx.onFailure() == null) {
            log.warn(
                    "Mapping {}: discarding {} records of shard {} ({} .. {}): {} after {} invocations; no on-failure"
                            + " destination is configured",
                    ctx.uuid(),
                    failed.size(),
                    ctx.shardId(),
                    failed.first().sequenceNumber(),
                    failed.records().get(failed.size() - 1).sequenceNumber(),
                    condition,
                    failed.invocations());
            ctx.streamMetrics().dropped(failed.size());
            run.decided.accept(failed.records());
            next(run);
            return;
        }
        OnFailureRecord record =
                new OnFailureRecord(ctx.uuid(), ctx.shardId(), json, EventShape.records(failed.records()));
        ctx.onFailure()
                .publish(record)
                .whenCompleteAsync(
                        (ok, error) -> {
                            if (error == null) {
                                log.info(
                                        "Mapping {}: sent {} records of shard {} to the on-failure destination {} ({})",
                                        ctx.uuid(),
                                        failed.size(),
                                        ctx.shardId(),
                                        ctx.onFailure().arn(),
                                        condition);
                                ctx.streamMetrics().delivered(failed.size());
                                run.decided.accept(failed.records());
                                next(run);
                                return;
                            }
                            ctx.streamMetrics().deliveryFailed();
                            if (ctx.isStopping()) {
                                run.done.complete(null);
                                return;
                            }
                            log.warn(
                                    "Mapping {}: the on-failure destination {} refused the record for shard {} ({}); the shard waits"
                                            + " and sends it again",
                                    ctx.uuid(),
                                    ctx.onFailure().arn(),
                                    ctx.shardId(),
                                    error.getMessage());
                            ctx.scheduler()
                                    .schedule(
                                            RetryRules.backoff(attempt),
                                            () -> discard(run, failed, condition, requestId, attempt + 1));
                        },
                        ctx.scheduler());
    }

    private void logFailure(Chunk chunk, String requestId, Outcome outcome) {
        String what = outcome instanceof Outcome.Failed failed
                ? failed.reason()
                : "reported failed records from "
                        + chunk.records()
                                .get(((Outcome.PartiallyFailed) outcome).firstFailed())
                                .sequenceNumber();
        log.warn(
                "Mapping {}: function {} failed on {} records of shard {} (request {}, invocation {} of these"
                        + " records): {}",
                ctx.uuid(),
                ctx.function().config().name(),
                chunk.size(),
                ctx.shardId(),
                requestId,
                chunk.invocations() + 1,
                what);
    }

    /** One batch being processed: the chunks still to do, in shard order. */
    private static final class Run {
        final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        final EventShape shape;
        final Consumer<List<ShardRecord>> decided;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Outcome lastFailure;
        String lastRequestId;

        Run(EventShape shape, Consumer<List<ShardRecord>> decided) {
            this.shape = shape;
            this.decided = decided;
        }
    }
}
