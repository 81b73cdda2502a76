package io.tributary.invoker.http;

import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionExecutor;
import io.tributary.api.Invocation;
import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import io.tributary.invoker.internal.LambdaErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs the event JSON to the function's URL with the shared {@link HttpClient} (asynchronous, HTTP/1.1, keep-alive).
 *
 * <p>Request headers are those Lambda's Runtime API gives a runtime with each event, so a server can use the same
 * code: {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Invoked-Function-Arn} and
 * {@code Lambda-Runtime-Deadline-Ms} (epoch milliseconds).
 *
 * <p>Response: a 2xx body is the function's response, unless the response carries {@code X-Amz-Function-Error} (as the
 * Invoke API does), which makes it a function error. A non-2xx status is a function error: the body's
 * {@code errorType}/{@code errorMessage} when it is Lambda-shaped JSON, else {@code HttpError} with the status and
 * the start of the body. A URL that cannot be reached is an {@code HttpConnectionError} naming the URL.
 */
final class HttpExecutor implements FunctionExecutor {
    static final String REQUEST_ID_HEADER = "Lambda-Runtime-Aws-Request-Id";
    static final String FUNCTION_ARN_HEADER = "Lambda-Runtime-Invoked-Function-Arn";
    static final String DEADLINE_HEADER = "Lambda-Runtime-Deadline-Ms";
    static final String FUNCTION_ERROR_HEADER = "X-Amz-Function-Error";
    static final String HTTP_ERROR = "HttpError";
    static final String CONNECTION_ERROR = "HttpConnectionError";

    /** The invoker's timer ends the invocation at the deadline; this only bounds a request nobody waits for anymore. */
    private static final Duration REQUEST_TIMEOUT_GRACE = Duration.ofSeconds(5);

    private static final int EXCERPT_CHARS = 200;

    private final FunctionConfig function;
    private final URI url;
    private final HttpClient client;

    HttpExecutor(FunctionConfig function, URI url, HttpClient client) {
        this.function = function;
        this.url = url;
        this.client = client;
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(Invocation invocation) {
        Duration untilDeadline = Duration.between(Instant.now(), invocation.deadline());
        HttpRequest request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofByteArray(invocation.event().toByteArray()))
                .header("Content-Type", "application/json")
                .header(REQUEST_ID_HEADER, invocation.requestId())
                .header(FUNCTION_ARN_HEADER, function.arn())
                .header(DEADLINE_HEADER, Long.toString(invocation.deadline().toEpochMilli()))
                .timeout((untilDeadline.isNegative() ? Duration.ZERO : untilDeadline).plus(REQUEST_TIMEOUT_GRACE))
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<InvocationResult> result =
                exchange.handle((response, thrown) -> thrown != null ? unreachable(thrown) : fromResponse(response));
        // Cancelled = the function timed out: abort the exchange rather than keep the connection busy.
        result.whenComplete((outcome, thrown) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private InvocationResult fromResponse(HttpResponse<byte[]> response) {
        Payload body = Payload.wrap(response.body() == null ? new byte[0] : response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            Optional<String> functionError = response.headers().firstValue(FUNCTION_ERROR_HEADER);
            if (functionError.isEmpty()) {
                return new InvocationResult.Success(body);
            }
            return LambdaErrors.parse(body, functionError.get())
                    .orElseGet(() -> LambdaErrors.functionError(
                            functionError.get(),
                            "HTTP " + status + " from " + url + " with " + FUNCTION_ERROR_HEADER + ": "
                                    + functionError.get() + ": " + excerpt(body)));
        }
        return LambdaErrors.parse(body, HTTP_ERROR)
                .orElseGet(() -> LambdaErrors.functionError(
                        HTTP_ERROR, "HTTP " + status + " from " + url + ": " + excerpt(body)));
    }

    private InvocationResult unreachable(Throwable thrown) {
        Throwable cause = LambdaErrors.unwrap(thrown);
        String reason = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return LambdaErrors.functionError(
                CONNECTION_ERROR, "Could not reach " + url + " for function " + function.name() + " (" + reason + ")");
    }

    private static String excerpt(Payload body) {
        if (body.isEmpty()) {
            return "(empty body)";
        }
        String text = body.size() > EXCERPT_CHARS * 4
                ? new String(body.toByteArray(), 0, EXCERPT_CHARS * 4, StandardCharsets.UTF_8)
                : body.utf8();
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
    }
}
