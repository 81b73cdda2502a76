package io.tributary.benchmarks.sqs;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import io.tributary.invoker.Functions;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.runtime.EngineRuntime;
import io.tributary.mapper.runtime.ThreadPoolScheduler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Tributary's data plane wired as {@code io.tributary.app.Tributary} wires it (one SQS connector, the functions, two
 * engine threads, {@link EngineRuntime}), without the HTTP API and mapping store: mappings are applied to the engine
 * directly, which also allows MaximumConcurrency 1 (AWS's API minimum is 2).
 */
final class TributaryEngine implements AutoCloseable {
    static final String FUNCTION = "noop";

    private final SqsConnector connector;
    private final Functions functions;
    private final ThreadPoolScheduler scheduler;
    private final EngineRuntime runtime;

    TributaryEngine(URI endpoint, Class<?> handler) {
        // Signed with the same static keys as the raw loop's client: SqsSettings.local (unsigned, what `tributary run`
        // uses for its embedded server) would spare Tributary the SigV4 work the raw loop pays for every call.
        this.connector =
                new SqsConnector(new SqsSettings(endpoint, SqsServer.REGION, SqsServer.ACCOUNT, "test", "test"));
        this.functions = Functions.load(List.of(new FunctionConfig(
                FUNCTION,
                functionArn(),
                Duration.ofSeconds(30),
                128,
                Map.of(),
                OptionalInt.empty(),
                new ExecutorConfig("java", Map.of("Handler", handler.getName())))));
        this.scheduler = new ThreadPoolScheduler(2);
        this.runtime = new EngineRuntime(functions, List.of(connector), Clock.systemUTC(), scheduler);
    }

    static String functionArn() {
        return "arn:aws:lambda:" + SqsServer.REGION + ":" + SqsServer.ACCOUNT + ":function:" + FUNCTION;
    }

    /** Starts a mapping (BatchSize 10, window 0) on the queue; returns its UUID. */
    String startMapping(String queueName, int batchSize, int maximumConcurrency) {
        String uuid = UUID.randomUUID().toString();
        runtime.apply(new EventSourceMapping(
                uuid,
                functionArn(),
                "arn:aws:sqs:" + SqsServer.REGION + ":" + SqsServer.ACCOUNT + ":" + queueName,
                SourceKind.SQS,
                batchSize,
                0,
                null,
                List.of(),
                maximumConcurrency,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                MappingState.Enabled,
                null,
                Instant.now(),
                null));
        return uuid;
    }

    long deleted(String uuid) {
        return runtime.metrics(uuid)
                .map(m -> m.snapshot().get("DeletedEventCount"))
                .orElse(0L);
    }

    void stopMapping(String uuid) {
        runtime.stop(uuid);
    }

    @Override
    public void close() {
        runtime.shutdown().join();
        scheduler.close();
        functions.close();
        connector.close();
    }
}
