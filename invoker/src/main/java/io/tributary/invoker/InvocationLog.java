package io.tributary.invoker;

import io.tributary.api.FunctionConfig;
import io.tributary.api.InvocationResult;
import io.tributary.invoker.internal.LambdaErrors;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's platform log lines, worded like Lambda's CloudWatch lines (spec §4.9) on the logger
 * {@code io.tributary.function.<name>}, the same logger the function's own {@code LambdaLogger} writes to.
 *
 * <p>START/END/REPORT are DEBUG and built only when DEBUG is on, so the hot path pays one level check; function errors
 * and timeouts are WARN because a user must see them.
 */
final class InvocationLog {
    private final FunctionConfig function;
    private final Logger log;

    InvocationLog(FunctionConfig function) {
        this.function = function;
        this.log = LoggerFactory.getLogger("io.tributary.function." + function.name());
    }

    void start(String requestId) {
        if (log.isDebugEnabled()) {
            log.debug("START RequestId: {} Version: $LATEST", requestId);
        }
    }

    void throttled(String requestId, String reason) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "Function {} throttled (RequestId: {}): {} (ReservedConcurrentExecutions: {})",
                    function.name(),
                    requestId,
                    reason,
                    function.reservedConcurrency().orElse(-1));
        }
    }

    void lateResult(String requestId) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "Function {} finished after its timeout (RequestId: {}); its result is ignored",
                    function.name(),
                    requestId);
        }
    }

    void end(String requestId, long durationNanos, InvocationResult result) {
        // Java 17 has no pattern switch yet: an if-chain over the sealed InvocationResult, Throttled last.
        if (result instanceof InvocationResult.Success) {
            report(requestId, durationNanos, "");
        } else if (result instanceof InvocationResult.FunctionError error) {
            log.warn(
                    "Function {} failed (RequestId: {}): {}: {}",
                    function.name(),
                    requestId,
                    error.errorType(),
                    error.errorMessage());
            report(requestId, durationNanos, "\tStatus: error\tError Type: " + error.errorType());
        } else if (result instanceof InvocationResult.TimedOut timedOut) {
            log.warn(
                    "Function {} timed out after {} seconds (RequestId: {})",
                    function.name(),
                    LambdaErrors.seconds(timedOut.timeout()),
                    requestId);
            report(requestId, durationNanos, "\tStatus: timeout");
        } else if (result instanceof InvocationResult.Throttled throttled) {
            throttled(requestId, throttled.reason());
        }
    }

    private void report(String requestId, long durationNanos, String status) {
        if (!log.isDebugEnabled()) {
            return;
        }
        double millis = durationNanos / 1_000_000.0;
        log.debug("END RequestId: {}", requestId);
        // Billed Duration is the duration rounded up to the next millisecond, as Lambda bills (spec §4.9).
        log.debug(
                "REPORT RequestId: {}\tDuration: {} ms\tBilled Duration: {} ms\tMemory Size: {} MB{}",
                requestId,
                String.format(Locale.ROOT, "%.2f", millis),
                (long) Math.ceil(millis),
                function.memorySizeMb(),
                status);
    }
}
