package io.tributary.app.kinesis;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.api.OnFailureDestinations;
import io.tributary.app.http.ApiServer;
import io.tributary.connectors.destination.ConfiguredOnFailureDestinations;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import io.tributary.invoker.Functions;
import io.tributary.mapper.checkpoint.FileCheckpointStore;
import io.tributary.mapper.control.FileMappingStore;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.control.StreamConnectorLookup;
import io.tributary.mapper.runtime.EngineRuntime;
import io.tributary.mapper.runtime.ThreadPoolScheduler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Tributary's data and control plane for the Kinesis ITs, wired as the app wires them: the real Kinesis connector,
 * the stream engine with a file checkpoint store, java-executor functions running {@link RecordingKinesisHandler},
 * SQS on-failure destinations, and the Lambda API over HTTP driven by the AWS SDK's {@link LambdaClient}.
 * {@link #restart()} stops everything but the servers and starts it again on the same data directory.
 */
final class KinesisEngine implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private final Path dataDir;
    private final KinesisSettings kinesis;
    private final Supplier<? extends OnFailureDestinations> destinationsFactory;
    private final List<String> functionNames;
    private final Clock clock;

    private Functions functions;
    private KinesisConnector connector;
    private OnFailureDestinations destinations;
    private ThreadPoolScheduler scheduler;
    private EngineRuntime runtime;
    private ApiServer api;
    private LambdaClient lambda;

    KinesisEngine(Path dataDir, KinesisSettings kinesis, URI sqsEndpoint, List<String> functionNames, Clock clock) {
        this(dataDir, kinesis, sqsDestinations(sqsEndpoint), functionNames, clock);
    }

    /**
     * An engine whose on-failure destinations come from {@code destinations} (called at each start, closed at each
     * stop when {@link AutoCloseable}).
     */
    static KinesisEngine withDestinations(
            Path dataDir,
            KinesisSettings kinesis,
            Supplier<? extends OnFailureDestinations> destinations,
            List<String> functionNames,
            Clock clock) {
        return new KinesisEngine(dataDir, kinesis, destinations, functionNames, clock);
    }

    private KinesisEngine(
            Path dataDir,
            KinesisSettings kinesis,
            Supplier<? extends OnFailureDestinations> destinations,
            List<String> functionNames,
            Clock clock) {
        this.dataDir = dataDir;
        this.kinesis = kinesis;
        this.destinationsFactory = destinations;
        this.functionNames = List.copyOf(functionNames);
        this.clock = clock;
        start();
    }

    private static Supplier<? extends OnFailureDestinations> sqsDestinations(URI sqsEndpoint) {
        return sqsEndpoint == null
                ? null
                : () -> ConfiguredOnFailureDestinations.sqs(sqsEndpoint, REGION, ACCOUNT, "test", "test");
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    LambdaClient lambda() {
        return lambda;
    }

    EngineRuntime runtime() {
        return runtime;
    }

    Path checkpointDir() {
        return dataDir.resolve("checkpoints");
    }

    private void start() {
        functions = Functions.load(functionNames.stream()
                .map(name -> new FunctionConfig(
                        name,
                        functionArn(name),
                        Duration.ofSeconds(10),
                        256,
                        Map.of(),
                        OptionalInt.empty(),
                        new ExecutorConfig("java", Map.of("Handler", RecordingKinesisHandler.class.getName()))))
                .toList());
        connector = new KinesisConnector(kinesis);
        destinations = destinationsFactory == null ? null : destinationsFactory.get();
        scheduler = new ThreadPoolScheduler(4);
        runtime = new EngineRuntime(
                functions,
                List.of(),
                List.of(connector),
                new FileCheckpointStore(checkpointDir()),
                destinations == null ? OnFailureDestinations.NONE : destinations,
                clock,
                scheduler);
        MappingManager manager = new MappingManager(
                new FileMappingStore(dataDir.resolve("mappings")),
                functions,
                List.of(),
                StreamConnectorLookup.of(List.of(connector)),
                runtime,
                clock,
                REGION,
                ACCOUNT);
        manager.start();
        api = new ApiServer(new InetSocketAddress("127.0.0.1", 0), manager);
        api.start();
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** A graceful stop (batches in flight finish and are checkpointed), then a fresh start on the same data. */
    void restart() {
        close();
        start();
    }

    @Override
    public void close() {
        lambda.close();
        api.stop();
        runtime.shutdown().join();
        scheduler.close();
        connector.close();
        if (destinations instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the on-failure destinations failed", e);
            }
        }
        functions.close();
    }
}
