package io.tributary.mapper.stream;

/** What one invocation of a chunk means for its records (read from the {@link io.tributary.api.InvocationResult}). */
sealed interface Outcome {

    /** Every record succeeded. */
    record Succeeded() implements Outcome {}

    /**
     * The function reported failures with ReportBatchItemFailures: the records before {@code firstFailed} (the
     * lowest failed sequence number) succeeded; it and everything after it are retried (spec §3.1).
     */
    record PartiallyFailed(int firstFailed) implements Outcome {}

    /**
     * The invocation failed as a whole: a function error, a timeout, or a response that cannot be trusted (an invalid
     * partial batch response, a tumbling-window response without {@code state}).
     *
     * @param functionError {@code Unhandled} for errors and timeouts (the on-failure record's
     *     {@code responseContext.functionError}), {@code null} when the function returned normally
     * @param reason for logs
     */
    record Failed(String functionError, String reason) implements Outcome {}

    /** The function was not run (reserved concurrency full): retried until record age, without using up retries. */
    record Throttled(String reason) implements Outcome {}
}
