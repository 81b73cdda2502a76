package io.tributary.app;

import io.tributary.api.ConfigException;
import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.SqsCredentials;
import io.tributary.app.config.TributaryConfig;
import io.tributary.app.http.ApiServer;
import io.tributary.connectors.destination.ConfiguredOnFailureDestinations;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import io.tributary.connectors.sqs.QueueSpec;
import io.tributary.connectors.sqs.SqsAdmin;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import io.tributary.invoker.Functions;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.checkpoint.FileCheckpointStore;
import io.tributary.mapper.control.FileMappingStore;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.control.StreamConnectorLookup;
import io.tributary.mapper.runtime.EngineRuntime;
import io.tributary.mapper.runtime.ThreadPoolScheduler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the parts behind the API, in order, each registered with {@link Components} as soon as it runs: SQS
 * connector and the config's queues → Kinesis connector → on-failure destinations → functions → scheduler → mapping
 * runtime (SQS and stream mappings, checkpoints under {@code <data-dir>/checkpoints}) → mapping service (definitions
 * under {@code <data-dir>/mappings}) with the config's mappings → HTTP API.
 */
final class DataPlane {
    /** Time the mapping runtime gets on shutdown for batches in flight to finish and be checkpointed. */
    static final Duration RUNTIME_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final int SCHEDULER_THREADS = 8;

    private DataPlane() {}

    /** @return the bound API server */
    static ApiServer start(
            TributaryConfig config, ServiceOptions options, DataDirectory dataDir, URI sqsEndpoint, Components parts) {
        Optional<SqsCredentials> sqsKeys = config.sqs().credentials();
        SqsConnector sqs = parts.add(
                "SQS connector",
                new SqsConnector(new SqsSettings(
                        sqsEndpoint,
                        config.region(),
                        config.accountId(),
                        sqsKeys.map(SqsCredentials::accessKeyId).orElse(null),
                        sqsKeys.map(SqsCredentials::secretAccessKey).orElse(null))));
        new SqsAdmin(sqs)
                .ensureQueues(config.sqs().queues().stream()
                        .map(q -> new QueueSpec(q.queueName(), q.attributes()))
                        .toList());
        Optional<SqsCredentials> kinesisKeys = config.kinesis().credentials();
        KinesisConnector kinesis = parts.add(
                "Kinesis connector",
                new KinesisConnector(new KinesisSettings(
                        config.kinesis().endpoint().orElse(null),
                        config.region(),
                        config.accountId(),
                        kinesisKeys.map(SqsCredentials::accessKeyId).orElse(null),
                        kinesisKeys.map(SqsCredentials::secretAccessKey).orElse(null))));
        ConfiguredOnFailureDestinations destinations = parts.add(
                "on-failure destinations",
                ConfiguredOnFailureDestinations.sqs(
                        sqsEndpoint,
                        config.region(),
                        config.accountId(),
                        sqsKeys.map(SqsCredentials::accessKeyId).orElse(null),
                        sqsKeys.map(SqsCredentials::secretAccessKey).orElse(null)));
        Functions functions;
        try {
            functions = parts.add("functions", Functions.load(config.functions()));
        } catch (ConfigException e) {
            throw ConfigFileException.of(config.source(), "", e);
        }
        ThreadPoolScheduler scheduler = parts.add("mapping threads", new ThreadPoolScheduler(SCHEDULER_THREADS));
        EngineRuntime runtime = new EngineRuntime(
                functions,
                List.of(sqs),
                List.of(kinesis),
                new FileCheckpointStore(dataDir.resolve("checkpoints")),
                destinations,
                Clock.systemUTC(),
                scheduler);
        parts.add(
                "mapping runtime",
                () -> runtime.shutdown().get(RUNTIME_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                RUNTIME_STOP_TIMEOUT);
        MappingManager mappings = new MappingManager(
                new FileMappingStore(dataDir.resolve("mappings")),
                functions,
                List.of(sqs),
                StreamConnectorLookup.of(List.of(kinesis)),
                runtime,
                Clock.systemUTC(),
                config.region(),
                config.accountId());
        mappings.start();
        createConfiguredMappings(config, mappings);
        ApiServer api = new ApiServer(new InetSocketAddress(ServiceOptions.HOST, options.apiPort()), mappings);
        api.start();
        parts.add("HTTP API", api::stop);
        return api;
    }

    /** Creates the config's mappings that are not stored yet (same function and event source). */
    private static void createConfiguredMappings(TributaryConfig config, MappingManager mappings) {
        List<MappingRequest> requests = config.eventSourceMappings();
        for (int i = 0; i < requests.size(); i++) {
            MappingRequest request = requests.get(i);
            boolean stored = !mappings.list(request.eventSourceArn(), request.functionName(), null, null)
                    .mappings()
                    .isEmpty();
            if (stored) {
                continue;
            }
            try {
                mappings.create(request);
            } catch (EsmException e) {
                throw new ConfigFileException(config.source(), config.mappingKey(i), e.getMessage());
            }
        }
    }
}
