package io.tributary.mapper.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens to a chunk after an invocation: AWS's stream error handling (spec §3.3;
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-errors.html), as a pure function of the chunk, the
 * outcome and the time, so each rule has its own test.
 *
 * <ul>
 *   <li>Success: the records are done.
 *   <li>Throttle (before invocation): retry with backoff until the oldest record is older than
 *       MaximumRecordAgeInSeconds; MaximumRetryAttempts is not used up.
 *   <li>Failure (function error, timeout, invalid response): first the record age (→ {@code RecordAgeExceeded});
 *       then, with BisectBatchOnFunctionError and more than one record, split in halves (not a retry); then
 *       MaximumRetryAttempts (→ {@code RetryAttemptsExhausted}); otherwise retry with backoff.
 *   <li>Partial batch response: the records before the lowest failed sequence number are done; the rest is a
 *       chunk that failed: with bisect it is the split "at the returned sequence number" (not a retry), without it
 *       is a retry.
 * </ul>
 *
 * Backoff: 1 s, doubling per retry, at most 1 min (AWS does not publish its intervals).
 */
final class RetryRules {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final StreamMappingSettings settings;

    RetryRules(StreamMappingSettings settings) {
        this.settings = settings;
    }

    /** Why a batch is discarded, in the on-failure record's {@code requestContext.condition}. */
    enum Condition {
        RetryAttemptsExhausted,
        RecordAgeExceeded
    }

    /** The decision for a chunk. */
    sealed interface Step {
        /** Every record of the chunk is done. */
        record Done() implements Step {}

        /**
         * The first {@code succeeded} records are done; {@code next} are processed, in order, after {@code delay}.
         */
        record Continue(int succeeded, List<Chunk> next, Duration delay) implements Step {}

        /**
         * The first {@code succeeded} records are done; {@code failed} is discarded (after its on-failure record).
         */
        record GiveUp(int succeeded, Chunk failed, Condition condition) implements Step {}
    }

    /** @param chunk the chunk as invoked (its {@code invocations} already counts this invocation) */
    Step decide(Chunk chunk, Outcome outcome, Instant now) {
        if (outcome instanceof Outcome.Succeeded) {
            return new Step.Done();
        }
        if (outcome instanceof Outcome.Throttled) {
            Chunk throttled = chunk.throttled();
            if (tooOld(chunk, now)) {
                return new Step.GiveUp(0, chunk, Condition.RecordAgeExceeded);
            }
            return new Step.Continue(0, List.of(throttled), backoff(throttled.throttles()));
        }
        if (outcome instanceof Outcome.PartiallyFailed partial && partial.firstFailed() > 0) {
            return afterFailure(chunk.from(partial.firstFailed()), partial.firstFailed(), true, now);
        }
        if (outcome instanceof Outcome.PartiallyFailed || outcome instanceof Outcome.Failed) {
            return afterFailure(chunk, 0, false, now);
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    private Step afterFailure(Chunk failed, int succeeded, boolean splitByResponse, Instant now) {
        if (tooOld(failed, now)) {
            return new Step.GiveUp(succeeded, failed, Condition.RecordAgeExceeded);
        }
        if (settings.bisectBatchOnFunctionError()) {
            if (splitByResponse) {
                return new Step.Continue(succeeded, List.of(failed), Duration.ZERO);
            }
            if (failed.size() > 1) {
                return new Step.Continue(succeeded, failed.halves(), Duration.ZERO);
            }
        }
        if (!settings.infiniteRetries() && failed.retries() >= settings.maximumRetryAttempts()) {
            return new Step.GiveUp(succeeded, failed, Condition.RetryAttemptsExhausted);
        }
        Chunk retry = failed.retried();
        return new Step.Continue(succeeded, List.of(retry), backoff(retry.retries()));
    }

    /** Whether the chunk's oldest record is older than MaximumRecordAgeInSeconds. */
    boolean tooOld(Chunk chunk, Instant now) {
        Duration max = settings.maximumRecordAge();
        return max != null && Duration.between(chunk.first().arrival(), now).compareTo(max) > 0;
    }

    static Duration backoff(int attempt) {
        if (attempt <= 1) {
            return FIRST_BACKOFF;
        }
        int shift = Math.min(attempt - 1, 16);
        Duration d = FIRST_BACKOFF.multipliedBy(1L << shift);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
