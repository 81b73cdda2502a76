package io.tributary.mapper.queue;

import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import io.tributary.mapper.batch.EventAssembler;
import io.tributary.mapper.batch.PartialBatchResponse;
import io.tributary.mapper.batch.RequestIds;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one gathered batch of queue messages: invokes the function, decides which messages are done and deletes
 * exactly those. The rules are AWS's for SQS (spec §3.1, §3.2;
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html):
 *
 * <ul>
 *   <li>success: every message is deleted;
 *   <li>function error or timeout: nothing is deleted; the messages reappear after the visibility timeout and reach
 *       the queue's dead-letter queue through its redrive policy;
 *   <li>with ReportBatchItemFailures: only the listed messages stay; an invalid response fails the whole batch;
 *   <li>FIFO: a message of a group is never deleted after an earlier message of the same group failed, so order
 *       holds per message group;
 *   <li>throttled: the invocation is retried with backoff for as long as the messages stay hidden; then they are left
 *       to reappear.
 * </ul>
 */
final class QueueBatch {
    private static final Logger log = LoggerFactory.getLogger(QueueBatch.class);
    private static final Duration FIRST_THROTTLE_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_THROTTLE_BACKOFF = Duration.ofSeconds(5);
    static final String OK = "OK";
    static final String FUNCTION_CALL_FAILED = "PROBLEM: Function call failed";

    private final QueueMappingSettings settings;
    private final QueueSource source;
    private final LambdaFunction function;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingMetrics metrics;
    private final Consumer<String> lastProcessingResult;

    QueueBatch(
            QueueMappingSettings settings,
            QueueSource source,
            LambdaFunction function,
            Clock clock,
            Scheduler scheduler,
            MappingMetrics metrics,
            Consumer<String> lastProcessingResult) {
        this.settings = settings;
        this.source = source;
        this.function = function;
        this.clock = clock;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.lastProcessingResult = lastProcessingResult;
    }

    /**
     * The two moments of a batch: its decision, and the end of its acknowledgement (the deletes). Neither future ever
     * fails.
     *
     * @param decided completes with whether the whole batch succeeded, once the decision is final, before the deletes
     *     are sent (they follow on the same thread, so a poller that continues inline sends its next receive first).
     *     It completes on the thread that completed the invocation (the function's executor thread, or the function
     *     timeout's timer), or, when the invocation was over before the function returned its future (a quick
     *     function, a throttle), on the thread that invoked it, within {@link #process}: deciding is short and never
     *     blocks, and skipping a hand-over to the scheduler is one thread wake-up less per batch
     * @param acknowledged completes once the deletes are done (or have failed and been logged)
     */
    record Processing(CompletableFuture<Boolean> decided, CompletableFuture<Void> acknowledged) {
        /** Both moments still ahead. */
        static Processing pending() {
            return new Processing(new CompletableFuture<>(), new CompletableFuture<>());
        }
    }

    /**
     * Invokes the function with the batch, decides and deletes what is done, completing {@code processing}. The caller
     * creates it and chains on it first: when the invocation is over at once, the decision is taken within this call,
     * and what was chained on {@code decided} still runs before the deletes are sent.
     */
    void process(List<SourceRecord> records, Processing processing) {
        Instant hiddenUntil = earliestReceive(records).plus(settings.visibilityTimeout());
        invoke(records, hiddenUntil, FIRST_THROTTLE_BACKOFF, processing);
    }

    /** Filtered-out messages are deleted without invoking the function, as on AWS. */
    void deleteFilteredOut(List<SourceRecord> records) {
        metrics.filteredOut(records.size());
        source.delete(records).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn(
                        "Mapping {}: could not delete {} filtered-out messages ({}); they will be filtered again",
                        settings.uuid(),
                        records.size(),
                        error.getMessage());
            } else {
                metrics.deleted(records.size());
            }
        });
    }

    private void invoke(List<SourceRecord> records, Instant hiddenUntil, Duration backoff, Processing done) {
        String requestId = RequestIds.next();
        metrics.invoked(records.size());
        CompletableFuture<InvocationResult> call = function.invoke(requestId, EventAssembler.records(records));
        BiConsumer<InvocationResult, Throwable> then = (result, error) -> {
            if (error != null) {
                // Executors report function failures as values; an exception here is a bug.
                log.error("Mapping {}: the executor failed unexpectedly", settings.uuid(), error);
                finish(records, Set.copyOf(ids(records)), done);
            } else {
                decide(records, requestId, result, hiddenUntil, backoff, done);
            }
        };
        // Decided on the thread that completes the invocation, or on this one when the invocation is over before
        // invoke returns (a quick function's thread often wins that race; a throttle answers at once). Either way
        // without a hand-over to the scheduler, which would cost a thread wake-up per batch. This cannot recurse
        // without bound: what follows a decision (the poller's next receive, a throttle's retry) is asynchronous.
        call.whenComplete(then);
    }

    private void decide(
            List<SourceRecord> records,
            String requestId,
            InvocationResult result,
            Instant hiddenUntil,
            Duration backoff,
            Processing done) {
        Set<String> failed;
        if (result instanceof InvocationResult.Success success) {
            failed = failedBySuccess(records, requestId, success);
        } else if (result instanceof InvocationResult.FunctionError error) {
            log.warn(
                    "Mapping {}: function {} failed (request {}): {}: {}. {} messages stay on the queue and reappear"
                            + " after the visibility timeout ({} s)",
                    settings.uuid(),
                    function.config().name(),
                    requestId,
                    error.errorType(),
                    error.errorMessage(),
                    records.size(),
                    settings.visibilityTimeout().toSeconds());
            failed = Set.copyOf(ids(records));
        } else if (result instanceof InvocationResult.TimedOut timedOut) {
            log.warn(
                    "Mapping {}: function {} timed out after {} s (request {}). {} messages stay on the queue and"
                            + " reappear after the visibility timeout",
                    settings.uuid(),
                    function.config().name(),
                    timedOut.timeout().toSeconds(),
                    requestId,
                    records.size());
            failed = Set.copyOf(ids(records));
        } else if (result instanceof InvocationResult.Throttled throttled) {
            failed = throttled(records, throttled, hiddenUntil, backoff, done);
        } else {
            throw new IllegalStateException("unknown invocation result " + result);
        }
        if (failed != null) {
            finish(records, failed, done);
        }
    }

    /** Schedules a retry and returns null, or gives up and returns every id when the messages would reappear. */
    private Set<String> throttled(
            List<SourceRecord> records,
            InvocationResult.Throttled throttled,
            Instant hiddenUntil,
            Duration backoff,
            Processing done) {
        metrics.throttled();
        if (clock.instant().plus(backoff).isBefore(hiddenUntil)) {
            log.debug(
                    "Mapping {}: function {} throttled ({}); retrying in {} ms",
                    settings.uuid(),
                    function.config().name(),
                    throttled.reason(),
                    backoff.toMillis());
            Duration next = backoff.multipliedBy(2);
            Duration capped = next.compareTo(MAX_THROTTLE_BACKOFF) > 0 ? MAX_THROTTLE_BACKOFF : next;
            scheduler.schedule(backoff, () -> invoke(records, hiddenUntil, capped, done));
            return null;
        }
        log.warn(
                "Mapping {}: function {} stayed throttled ({}) until the messages' visibility timeout; {} messages"
                        + " reappear on the queue",
                settings.uuid(),
                function.config().name(),
                throttled.reason(),
                records.size());
        return Set.copyOf(ids(records));
    }

    private Set<String> failedBySuccess(
            List<SourceRecord> records, String requestId, InvocationResult.Success success) {
        if (!settings.reportBatchItemFailures()) {
            return Set.of();
        }
        PartialBatchResponse.Outcome outcome =
                PartialBatchResponse.parse(success.response(), new HashSet<>(ids(records)));
        if (outcome instanceof PartialBatchResponse.Outcome.SomeFailed some) {
            log.info(
                    "Mapping {}: function {} reported {} of {} messages as failed (request {}); they stay on the"
                            + " queue",
                    settings.uuid(),
                    function.config().name(),
                    some.failedIds().size(),
                    records.size(),
                    requestId);
            return some.failedIds();
        }
        if (outcome instanceof PartialBatchResponse.Outcome.Invalid invalid) {
            log.warn(
                    "Mapping {}: function {} returned an invalid partial batch response (request {}): {}; the whole"
                            + " batch counts as failed",
                    settings.uuid(),
                    function.config().name(),
                    requestId,
                    invalid.reason());
            return Set.copyOf(ids(records));
        }
        return Set.of();
    }

    /** Deletes every message not failed (and, on FIFO queues, not behind a failed message of its group). */
    private void finish(List<SourceRecord> records, Set<String> failed, Processing done) {
        List<SourceRecord> toDelete = new ArrayList<>(records.size());
        Set<String> blockedGroups = new HashSet<>();
        int kept = 0;
        for (SourceRecord record : records) {
            boolean keep = failed.contains(record.id())
                    || (settings.fifo()
                            && record.orderingKey() != null
                            && blockedGroups.contains(record.orderingKey()));
            if (keep) {
                kept++;
                if (settings.fifo() && record.orderingKey() != null) {
                    blockedGroups.add(record.orderingKey());
                }
            } else {
                toDelete.add(record);
            }
        }
        if (kept > 0) {
            metrics.failed(kept);
        }
        lastProcessingResult.accept(kept == 0 ? OK : FUNCTION_CALL_FAILED);
        boolean allSucceeded = kept == 0;
        if (toDelete.isEmpty()) {
            done.decided().complete(allSucceeded);
            done.acknowledged().complete(null);
            return;
        }
        // The decision is announced first, so the poller's next receive goes out before the deletes: the receive is
        // what the poller waits for next, the deletes only hold up the invocation after next. The deletes are sent
        // right after, on this same thread.
        done.decided().complete(allSucceeded);
        source.delete(toDelete).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn(
                        "Mapping {}: could not delete {} processed messages ({}); they will be delivered again",
                        settings.uuid(),
                        toDelete.size(),
                        error.getMessage());
            } else {
                metrics.deleted(toDelete.size());
            }
            done.acknowledged().complete(null);
        });
    }

    private static Instant earliestReceive(List<SourceRecord> records) {
        Instant earliest = records.get(0).receivedAt();
        for (SourceRecord record : records) {
            if (record.receivedAt().isBefore(earliest)) {
                earliest = record.receivedAt();
            }
        }
        return earliest;
    }

    private static List<String> ids(List<SourceRecord> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            ids.add(record.id());
        }
        return ids;
    }
}
