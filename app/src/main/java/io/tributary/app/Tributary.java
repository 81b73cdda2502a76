package io.tributary.app;

import io.tributary.api.ConfigException;
import io.tributary.api.QueueConnector;
import io.tributary.api.TributaryException;
import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.CredentialsConfig;
import io.tributary.app.config.DestinationServiceConfig;
import io.tributary.app.config.TributaryConfig;
import io.tributary.app.http.ApiServer;
import io.tributary.app.sqs.EmbeddedSqs;
import io.tributary.app.sqs.ParkingQueueConnector;
import io.tributary.connectors.destination.ConfiguredOnFailureDestinations;
import io.tributary.connectors.destination.DestinationEndpoint;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import io.tributary.connectors.sqs.QueueSpec;
import io.tributary.connectors.sqs.SqsAdmin;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import io.tributary.invoker.Functions;
import io.tributary.mapper.checkpoint.FileCheckpointStore;
import io.tributary.mapper.control.FileMappingStore;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.control.StreamConnectorLookup;
import io.tributary.mapper.runtime.EngineRuntime;
import io.tributary.mapper.runtime.ThreadPoolScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts Tributary's parts for a validated config, in dependency order, and stops them in
 * reverse. {@link Main} is only the command line around it; tests start it directly.
 *
 * <p>Start order: data directory (locked) → SQS (the embedded server unless {@code Sqs.Endpoint} is set) → SQS
 * connector and the config's queues → Kinesis connector and on-failure destinations (SQS, and S3 / SNS when
 * configured) → functions → mapping runtime
 * (stream checkpoints under {@code <data-dir>/checkpoints}) → mapping service with the config's mappings → HTTP
 * API. The Kinesis connector, the functions and the mapping store need no SQS: they are built on another thread while
 * the SQS server starts ({@link StartAhead}), and taken at their place in that order. Stop order is the reverse, so the API stops taking requests first, mappings stop polling and let their
 * in-flight batches finish (or leave them to the visibility timeout), release what they received but did not process,
 * and cancel their long polls instead of waiting up to 20 s for them ({@link EngineRuntime#shutdown()}); the SQS
 * client is closed after them and the SQS server stops last. A stop takes about a second (docs/sqs.md).
 */
public final class Tributary implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tributary.class);
    /** How long a shutdown waits for batches in flight before leaving them to the visibility timeout. */
    static final Duration MAPPINGS_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final TributaryConfig config;
    private final Endpoints endpoints;
    private final Components components;
    private final EmbeddedSqs embeddedSqs;

    private Tributary(TributaryConfig config, Endpoints endpoints, Components components, EmbeddedSqs embeddedSqs) {
        this.config = config;
        this.endpoints = endpoints;
        this.components = components;
        this.embeddedSqs = embeddedSqs;
    }

    /**
     * Starts Tributary. On failure everything already started is stopped again before the exception propagates.
     *
     * @throws io.tributary.app.config.ConfigFileException when a part rejects the config (e.g. an executor setting,
     *     or an AWS rule for a mapping), naming the key in the file
     * @throws TributaryException when a part cannot start (port in use, data directory locked, …)
     */
    public static Tributary start(TributaryConfig config, ServiceOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
        Components components = new Components();
        StartAhead ahead = null;
        try {
            checkPortFree(options.apiPort(), "--port");
            DataDirectory dataDir = components.add("data directory lock", DataDirectory.open(options.dataDir()));
            // What needs no SQS is built meanwhile the embedded server restores its queues, and taken in order below.
            ahead = new StartAhead(
                    () -> new KinesisConnector(kinesisSettings(config)),
                    () -> loadFunctions(config),
                    () -> new FileMappingStore(dataDir.resolve("mappings")));

            URI sqsEndpoint;
            EmbeddedSqs embeddedSqs = null;
            if (config.sqs().embedded()) {
                EmbeddedSqs sqs = components.add(
                        "embedded SQS server",
                        EmbeddedSqs.start(
                                dataDir.resolve("sqs"), config.sqs().port(), config.region(), config.accountId()));
                sqsEndpoint = sqs.endpoint();
                embeddedSqs = sqs;
            } else {
                sqsEndpoint = config.sqs().endpoint().orElseThrow();
            }
            SqsConnector connector =
                    components.add("SQS connector", new SqsConnector(sqsSettings(config, sqsEndpoint)));
            // The embedded server lists its queues, and creates plain ones, in process: no HTTP call for them.
            SqsAdmin admin = embeddedSqs == null
                    ? new SqsAdmin(connector)
                    : new SqsAdmin(connector, embeddedSqs.inProcessQueues());
            admin.ensureQueues(config.sqs().queues().stream()
                    .map(q -> new QueueSpec(q.queueName(), q.attributes()))
                    .toList());
            if (embeddedSqs != null) {
                // The embedded server answers CreateQueue before its store wrote the queue: the declared queues are
                // on disk before mappings start on them, so a kill -9 right after the start keeps them.
                embeddedSqs.flush();
            }
            // Describing a queue of the embedded server in-process saves two HTTP round trips per mapping created
            // or started (thousands at start-up with many mappings); polling still goes through the connector.
            QueueConnector queues = embeddedSqs == null ? connector : embeddedSqs.describingInProcess(connector);

            KinesisConnector kinesis = components.add("Kinesis connector", ahead.kinesis());
            ConfiguredOnFailureDestinations destinations =
                    components.add("on-failure destinations", onFailureDestinations(config, sqsEndpoint));

            Functions functions = components.add("functions", ahead.functions());
            ThreadPoolScheduler scheduler = components.add("mapping engine threads", new ThreadPoolScheduler(2));
            // Mappings on the embedded server's queues wait in process while their queue is empty instead of
            // long-polling it (docs/sqs.md); a remote SQS is long-polled.
            QueueConnector polled = embeddedSqs == null ? queues : new ParkingQueueConnector(queues, embeddedSqs);
            EngineRuntime runtime = new EngineRuntime(
                    functions,
                    List.of(polled),
                    List.of(kinesis),
                    new FileCheckpointStore(dataDir.resolve("checkpoints")),
                    destinations,
                    Clock.systemUTC(),
                    scheduler);
            // Stopping the runtime lets batches in flight finish and be acknowledged; what does not finish in time
            // is left to the visibility timeout (never deleted). It returns once no mapping uses the SQS client,
            // which is closed next.
            components.add("event source mappings", () -> runtime.shutdown().join(), MAPPINGS_STOP_TIMEOUT);

            MappingManager mappings = new MappingManager(
                    ahead.mappingStore(),
                    functions,
                    List.of(queues),
                    StreamConnectorLookup.of(List.of(kinesis)),
                    runtime,
                    Clock.systemUTC(),
                    config.region(),
                    config.accountId());
            mappings.start();
            ConfigMappings.apply(config, mappings);

            ApiServer server = new ApiServer(
                    new InetSocketAddress(ServiceOptions.HOST, options.apiPort()), mappings, runtime::metrics);
            server.start();
            components.add("HTTP API", server::stop);
            URI api = URI.create("http://" + ServiceOptions.HOST + ":" + server.port());

            Endpoints endpoints = new Endpoints(api, sqsEndpoint, config.sqs().embedded(), dataDir.path());
            log.info(
                    "Started with {}: {} queue(s), {} function(s), {} mapping(s)",
                    config.source(),
                    config.sqs().queues().size(),
                    config.functions().size(),
                    config.eventSourceMappings().size());
            return new Tributary(config, endpoints, components, embeddedSqs);
        } catch (RuntimeException | Error e) {
            if (ahead != null) {
                ahead.close();
            }
            components.close();
            throw e;
        }
    }

    public TributaryConfig config() {
        return config;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** The embedded SQS server, unless {@code Sqs.Endpoint} names another one. */
    public Optional<EmbeddedSqs> embeddedSqs() {
        return Optional.ofNullable(embeddedSqs);
    }

    /**
     * Stops every part in reverse start order, each within a bounded time, logging what it does. Nothing is
     * acknowledged that was not processed: unfinished batches return to their queue after the visibility timeout.
     * Idempotent.
     */
    @Override
    public void close() {
        components.close();
    }

    /** The embedded server takes any keys; for other endpoints the configured keys or AWS's default chain. */
    private static SqsSettings sqsSettings(TributaryConfig config, URI endpoint) {
        if (config.sqs().embedded()) {
            return SqsSettings.local(endpoint, config.region(), config.accountId());
        }
        return new SqsSettings(
                endpoint,
                config.region(),
                config.accountId(),
                config.sqs().credentials().map(CredentialsConfig::accessKeyId).orElse(null),
                config.sqs()
                        .credentials()
                        .map(CredentialsConfig::secretAccessKey)
                        .orElse(null));
    }

    /** {@code Kinesis.Endpoint} or AWS's endpoint of the region; the configured keys or AWS's default chain. */
    private static KinesisSettings kinesisSettings(TributaryConfig config) {
        return new KinesisSettings(
                config.kinesis().endpoint().orElse(null),
                config.region(),
                config.accountId(),
                config.kinesis()
                        .credentials()
                        .map(CredentialsConfig::accessKeyId)
                        .orElse(null),
                config.kinesis()
                        .credentials()
                        .map(CredentialsConfig::secretAccessKey)
                        .orElse(null));
    }

    /**
     * On-failure records of stream mappings go to SQS queues on the same SQS endpoint as the queues, to S3 buckets
     * when the {@code S3} block is written and to SNS topics when the {@code Sns} block is written.
     */
    private static ConfiguredOnFailureDestinations onFailureDestinations(TributaryConfig config, URI sqsEndpoint) {
        SqsSettings sqs = sqsSettings(config, sqsEndpoint);
        ConfiguredOnFailureDestinations.Builder destinations = ConfiguredOnFailureDestinations.builder(
                        config.region(), config.accountId())
                .sqs(new DestinationEndpoint(sqsEndpoint, sqs.accessKeyId(), sqs.secretAccessKey()));
        config.s3().map(Tributary::destinationEndpoint).ifPresent(destinations::s3);
        config.sns().map(Tributary::destinationEndpoint).ifPresent(destinations::sns);
        return destinations.build();
    }

    private static DestinationEndpoint destinationEndpoint(DestinationServiceConfig service) {
        return new DestinationEndpoint(
                service.endpoint().orElse(null),
                service.credentials().map(CredentialsConfig::accessKeyId).orElse(null),
                service.credentials().map(CredentialsConfig::secretAccessKey).orElse(null));
    }

    private static Functions loadFunctions(TributaryConfig config) {
        try {
            return Functions.load(config.functions());
        } catch (ConfigException e) {
            throw ConfigFileException.of(config.source(), "Functions", e);
        }
    }

    /** Fails early, with words a user can act on, instead of a server's bind stack trace. */
    private static void checkPortFree(int port, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(ServiceOptions.HOST), port));
        } catch (IOException e) {
            throw new TributaryException("Port " + port + " on " + ServiceOptions.HOST + " is in use (" + setting
                    + "): stop what uses it, or choose another port with " + setting);
        }
    }
}
