package io.tributary.invoker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.api.InvocationResult.FunctionError;
import io.tributary.api.InvocationResult.TimedOut;
import io.tributary.api.Payload;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Builds the error bodies Lambda returns for a failed invocation, so every executor reports failures in the same shape
 * as the Invoke API (spec: aws-lambda-invoke-runtime.md §1.5).
 */
public final class LambdaErrors {
    /** Lambda's response limit: 6 MiB + 100 bytes, the constant RIE and AWS use. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CAUSES = 10;

    private LambdaErrors() {}

    /** {@code {"errorMessage":…,"errorType":…}}, Lambda's order for Java functions. */
    public static FunctionError functionError(String errorType, String errorMessage) {
        ObjectNode body = JSON.createObjectNode();
        body.put("errorMessage", errorMessage);
        body.put("errorType", errorType);
        return new FunctionError(errorType, errorMessage, json(body));
    }

    /**
     * The error the Lambda Java runtime reports for an exception: class name as {@code errorType}, its message, its
     * stack trace as {@code "Class.method(File.java:12)"} strings and its cause chain under {@code cause}.
     *
     * @param keepFrame frames for which this is false, and all frames below the first of them, are left out (the
     *     Lambda runtime likewise hides its own frames below the handler)
     */
    public static FunctionError fromThrowable(Throwable thrown, Predicate<StackTraceElement> keepFrame) {
        Throwable t = unwrap(thrown);
        ObjectNode body = describe(t, keepFrame, 0);
        String message = t.getMessage() == null ? "" : t.getMessage();
        return new FunctionError(t.getClass().getName(), message, json(body));
    }

    /** As {@link #fromThrowable(Throwable, Predicate)} keeping every frame. */
    public static FunctionError fromThrowable(Throwable thrown) {
        return fromThrowable(thrown, frame -> true);
    }

    /**
     * Lambda's timeout body, {@code {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed
     * out after 3.00 seconds"}} (current format, recorded from AWS in 2025).
     */
    public static TimedOut timedOut(String requestId, Duration timeout) {
        String message = "RequestId: " + requestId + " Error: Task timed out after " + seconds(timeout) + " seconds";
        ObjectNode body = JSON.createObjectNode();
        body.put("errorType", "Sandbox.Timedout");
        body.put("errorMessage", message);
        return new TimedOut(timeout, json(body));
    }

    /** A timeout as Lambda writes it: seconds with two decimals ({@code 3.00}). */
    public static String seconds(Duration timeout) {
        return String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0);
    }

    /** Lambda's error when a function's response is over 6 MB (spec §1.3). */
    public static FunctionError responseTooLarge() {
        return functionError(
                "Function.ResponseSizeTooLarge",
                "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).");
    }

    /**
     * Reads a Lambda-shaped error ({@code errorType} and/or {@code errorMessage} as strings in a JSON object), keeping
     * the body as it came; empty when the payload is not one.
     */
    public static Optional<FunctionError> parse(Payload body, String defaultType) {
        if (body.isEmpty() || body.size() > MAX_RESPONSE_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body.newInputStream());
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            JsonNode type = node.get("errorType");
            JsonNode message = node.get("errorMessage");
            if (!(type != null && type.isTextual()) && !(message != null && message.isTextual())) {
                return Optional.empty();
            }
            return Optional.of(new FunctionError(
                    type != null && type.isTextual() ? type.asText() : defaultType,
                    message != null && message.isTextual() ? message.asText() : "",
                    body));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The exception inside the wrappers that futures and reflection add. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException
                        || t instanceof ExecutionException
                        || t instanceof java.lang.reflect.InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ObjectNode describe(Throwable t, Predicate<StackTraceElement> keepFrame, int depth) {
        ObjectNode node = JSON.createObjectNode();
        if (t.getMessage() != null) {
            node.put("errorMessage", t.getMessage());
        }
        node.put("errorType", t.getClass().getName());
        ArrayNode trace = node.putArray("stackTrace");
        for (StackTraceElement frame : t.getStackTrace()) {
            if (!keepFrame.test(frame)) {
                break;
            }
            trace.add(frame(frame));
        }
        Throwable cause = t.getCause();
        if (cause != null && cause != t && depth < MAX_CAUSES) {
            node.set("cause", describe(cause, keepFrame, depth + 1));
        }
        return node;
    }

    /**
     * {@code com.example.Hello.handleRequest(Hello.java:12)}, as the Lambda Java runtime writes a frame: without the
     * class loader and module prefixes {@link StackTraceElement#toString()} adds.
     */
    private static String frame(StackTraceElement frame) {
        String location;
        if (frame.isNativeMethod()) {
            location = "Native Method";
        } else if (frame.getFileName() == null) {
            location = "Unknown Source";
        } else if (frame.getLineNumber() >= 0) {
            location = frame.getFileName() + ":" + frame.getLineNumber();
        } else {
            location = frame.getFileName();
        }
        return frame.getClassName() + "." + frame.getMethodName() + "(" + location + ")";
    }

    private static Payload json(ObjectNode body) {
        try {
            return Payload.wrap(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }
}
