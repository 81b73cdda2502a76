package io.tributary.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How an invocation ended. Executors never throw for a function's own failure: they return one of these.
 * Exceptions from an executor mean a bug in Tributary.
 */
public sealed interface InvocationResult {

    /** The function returned; {@code response} is its payload (possibly empty). */
    record Success(Payload response) implements InvocationResult {
        public Success {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * The function failed: it threw, its process died, its HTTP endpoint answered non-2xx or could not be reached.
     * {@code body} is the Lambda-shaped error JSON ({@code errorMessage}, {@code errorType}, {@code stackTrace}).
     */
    record FunctionError(String errorType, String errorMessage, Payload body) implements InvocationResult {
        public FunctionError {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(errorMessage, "errorMessage");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * The function ran past its timeout. {@code body} is Lambda's timeout error JSON:
     * {@code {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00 seconds"}}.
     */
    record TimedOut(Duration timeout, Payload body) implements InvocationResult {
        public TimedOut {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * The function was not run: its reserved concurrency (or the executor's capacity) was full. Retryable; it does
     * not count as a function error. {@code reason} is one of Lambda's TooManyRequestsException reasons.
     */
    record Throttled(String reason) implements InvocationResult {
        public Throttled {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
