package io.tributary.mapper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A function whose answers the test decides: either at once through a responder, or later by completing the pending
 * invocations itself (to hold batches in flight).
 */
public final class FakeFunction implements LambdaFunction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FunctionConfig config = new FunctionConfig(
            "fn",
            "arn:aws:lambda:us-east-1:000000000000:function:fn",
            Duration.ofSeconds(3),
            128,
            Map.of(),
            OptionalInt.empty(),
            new ExecutorConfig("fake", Map.of()));
    private final List<Call> calls = new ArrayList<>();
    private Function<List<String>, InvocationResult> responder;
    private Function<JsonNode, InvocationResult> eventResponder;
    private int inFlight;
    private int maxInFlight;

    /** Every invocation is answered at once by {@code responder}, given the message ids of the batch. */
    public static FakeFunction answering(Function<List<String>, InvocationResult> responder) {
        FakeFunction f = new FakeFunction();
        f.responder = responder;
        return f;
    }

    /** Every invocation is answered at once by {@code responder}, given the whole event JSON. */
    public static FakeFunction answeringEvents(Function<JsonNode, InvocationResult> responder) {
        FakeFunction f = new FakeFunction();
        f.eventResponder = responder;
        return f;
    }

    public static InvocationResult throttled() {
        return new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
    }

    public static InvocationResult timedOut() {
        return new InvocationResult.TimedOut(Duration.ofSeconds(3), Payload.utf8("{}"));
    }

    /** Invocations stay pending until the test completes them. */
    public static FakeFunction holding() {
        return new FakeFunction();
    }

    public static InvocationResult ok() {
        return new InvocationResult.Success(Payload.empty());
    }

    public static InvocationResult response(String json) {
        return new InvocationResult.Success(Payload.utf8(json));
    }

    public static InvocationResult error() {
        return new InvocationResult.FunctionError("RuntimeException", "boom", Payload.utf8("{}"));
    }

    @Override
    public FunctionConfig config() {
        return config;
    }

    @Override
    public Optional<String> failure() {
        return Optional.empty();
    }

    @Override
    public synchronized CompletableFuture<InvocationResult> invoke(String requestId, Payload event) {
        List<String> ids = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(event.newInputStream());
            for (JsonNode record : root.get("Records")) {
                ids.add(idOf(record));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Call call = new Call(List.copyOf(ids), new CompletableFuture<>(), root);
        calls.add(call);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        call.result().whenComplete((r, e) -> {
            synchronized (this) {
                inFlight--;
            }
        });
        if (responder != null) {
            call.result().complete(responder.apply(call.ids()));
        } else if (eventResponder != null) {
            call.result().complete(eventResponder.apply(root));
        }
        return call.result();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<List<String>> batches() {
        return calls.stream().map(Call::ids).toList();
    }

    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    public synchronized List<Call> pending() {
        return calls.stream().filter(c -> !c.result().isDone()).toList();
    }

    /** SQS message id, or the stream record's sequence number (its partial batch response identifier). */
    private static String idOf(JsonNode record) {
        if (record.has("messageId")) {
            return record.get("messageId").asText();
        }
        if (record.has("kinesis")) {
            return record.get("kinesis").get("sequenceNumber").asText();
        }
        return record.get("dynamodb").get("SequenceNumber").asText();
    }

    public record Call(List<String> ids, CompletableFuture<InvocationResult> result, JsonNode event) {}
}
