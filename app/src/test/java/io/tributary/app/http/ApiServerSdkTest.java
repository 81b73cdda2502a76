package io.tributary.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mapper.control.FileMappingStore;
import io.tributary.mapper.control.MappingManager;
import io.tributary.mapper.control.StreamLookup;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.FakeQueueConnector;
import io.tributary.mapper.testing.RecordingMappingRuntime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceInUseException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The real AWS SDK v2 Lambda client against {@link ApiServer} over {@link MappingManager} and a file store. */
class ApiServerSdkTest {
    static final String FN = "orders-fn";
    static final String FN_ARN = FakeFunctionRegistry.PREFIX + FN;
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    static final String KINESIS = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";

    @TempDir
    Path dir;

    final FakeFunctionRegistry functions = new FakeFunctionRegistry().add(FN).add("other-fn");
    final FakeQueueConnector queues = new FakeQueueConnector().add(QUEUE);
    final RecordingMappingRuntime runtime = new RecordingMappingRuntime();
    ApiServer server;
    LambdaClient lambda;

    @BeforeEach
    void start() {
        StreamLookup kinesis = new StreamLookup() {
            @Override
            public boolean serves(String arn) {
                return arn.startsWith("arn:aws:kinesis:");
            }

            @Override
            public boolean exists(String arn) {
                return arn.equals(KINESIS);
            }
        };
        MappingManager manager = new MappingManager(
                new FileMappingStore(dir),
                functions,
                List.of(queues),
                List.of(kinesis),
                runtime,
                Clock.systemUTC(),
                "us-east-1",
                "000000000000");
        manager.start();
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), manager);
        server.start();
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        lambda.close();
        server.stop();
    }

    @Test
    void createsAnSqsMappingAndTheClientParsesEveryField() {
        Instant before = Instant.now().minusSeconds(1);

        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(r -> r.functionName(FN)
                .eventSourceArn(QUEUE)
                .batchSize(20)
                .maximumBatchingWindowInSeconds(2)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .scalingConfig(s -> s.maximumConcurrency(5))
                .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"order\"]}}"))));

        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(created.uuid()).matches("[0-9a-f-]{36}");
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(created.functionArn()).isEqualTo(FN_ARN);
        assertThat(created.eventSourceArn()).isEqualTo(QUEUE);
        assertThat(created.batchSize()).isEqualTo(20);
        assertThat(created.maximumBatchingWindowInSeconds()).isEqualTo(2);
        assertThat(created.functionResponseTypes()).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(created.scalingConfig().maximumConcurrency()).isEqualTo(5);
        assertThat(created.filterCriteria().filters())
                .extracting(f -> f.pattern())
                .containsExactly("{\"body\":{\"kind\":[\"order\"]}}");
        assertThat(created.lastModified()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(created.lastProcessingResult()).isNull();
        assertThat(created.destinationConfig()).isNull();
        assertThat(created.eventSourceMappingArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + created.uuid());

        var got = lambda.getEventSourceMapping(r -> r.uuid(created.uuid()));
        assertThat(got.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(got.state()).isEqualTo("Enabled");
        assertThat(got.lastModified()).isEqualTo(created.lastModified());
    }

    @Test
    void createsAKinesisMappingWithStreamMembers() {
        Instant at = Instant.parse("2024-04-30T12:00:00.250Z");

        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(r -> r.functionName(FN_ARN)
                .eventSourceArn(KINESIS)
                .startingPosition(EventSourcePosition.AT_TIMESTAMP)
                .startingPositionTimestamp(at)
                .parallelizationFactor(2)
                .bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(5)
                .maximumRecordAgeInSeconds(3600)
                .tumblingWindowInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:dlq"))));

        assertThat(created.startingPosition()).isEqualTo(EventSourcePosition.AT_TIMESTAMP);
        assertThat(created.startingPositionTimestamp()).isEqualTo(at);
        assertThat(created.batchSize()).isEqualTo(100);
        assertThat(created.parallelizationFactor()).isEqualTo(2);
        assertThat(created.bisectBatchOnFunctionError()).isTrue();
        assertThat(created.maximumRetryAttempts()).isEqualTo(5);
        assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(3600);
        assertThat(created.tumblingWindowInSeconds()).isEqualTo(60);
        assertThat(created.destinationConfig().onFailure().destination())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
        assertThat(created.stateTransitionReason()).isEqualTo("User action");
        assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(created.scalingConfig()).isNull();
    }

    @Test
    void listsThroughSeveralPagesWithMaxItemsOne() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queues.add(QUEUE + i);
            int n = i;
            created.add(lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE + n))
                    .uuid());
        }

        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListEventSourceMappingsResponse page =
                    lambda.listEventSourceMappings(r -> r.maxItems(1).marker(from));
            assertThat(page.eventSourceMappings()).hasSize(1);
            page.eventSourceMappings().forEach(m -> seen.add(m.uuid()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listsByFunctionAndSource() {
        String mine = lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE))
                .uuid();
        lambda.createEventSourceMapping(r -> r.functionName("other-fn").eventSourceArn(QUEUE));

        assertThat(lambda.listEventSourceMappings(r -> r.functionName(FN)).eventSourceMappings())
                .extracting(EventSourceMappingConfiguration::uuid)
                .containsExactly(mine);
        assertThat(lambda.listEventSourceMappings(r -> r.eventSourceArn(QUEUE)).eventSourceMappings())
                .hasSize(2);
        assertThat(lambda.listEventSourceMappingsPaginator(r -> r.functionName(FN_ARN)).eventSourceMappings().stream())
                .hasSize(1);
    }

    @Test
    void updatesAndDeletes() {
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE))
                .uuid();

        var disabled =
                lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false).batchSize(5));
        assertThat(disabled.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(disabled.state()).isEqualTo("Disabling");
        assertThat(disabled.batchSize()).isEqualTo(5);
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()).isEqualTo("Disabled");

        var moved = lambda.updateEventSourceMapping(r -> r.uuid(uuid).functionName("other-fn"));
        assertThat(moved.state()).isEqualTo("Updating");
        assertThat(moved.functionArn()).isEqualTo(FakeFunctionRegistry.PREFIX + "other-fn");

        var removed = lambda.updateEventSourceMapping(r -> r.uuid(uuid).filterCriteria(f -> f.filters(List.of())));
        assertThat(removed.filterCriteria()).isNull();

        var deleted = lambda.deleteEventSourceMapping(r -> r.uuid(uuid));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(deleted.state()).isEqualTo("Deleting");
        assertThatThrownBy(() -> lambda.getEventSourceMapping(r -> r.uuid(uuid)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The resource you requested does not exist.");
                });
    }

    @Test
    void validationErrorsArriveAsInvalidParameterValueException() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName("missing").eventSourceArn(QUEUE)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function does not exist");
                });
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName(FN).eventSourceArn("arn:aws:sqs:us-east-1:000000000000:nope")))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                                e.awsErrorDetails().errorMessage())
                        .isEqualTo("Error occurred while ReceiveMessage. SQS Error Code: "
                                + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue "
                                + "does not exist."));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName(FN).eventSourceArn(QUEUE).batchSize(11)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                                e.awsErrorDetails().errorMessage())
                        .isEqualTo("Maximum batch window in seconds must be greater than 0 if maximum batch size is "
                                + "greater than 10"));
        functions.add("slow-fn", Duration.ofSeconds(900));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName("slow-fn").eventSourceArn(QUEUE)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                                e.awsErrorDetails().errorMessage())
                        .isEqualTo("Queue visibility timeout: 30 seconds is less than Function timeout: 900 seconds"));
    }

    @Test
    void modelConstraintViolationsArriveAsValidationException() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName(FN).eventSourceArn(QUEUE).batchSize(0)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("1 validation error detected: Value '0' at 'batchSize' failed to satisfy "
                                    + "constraint: Member must have value greater than or equal to 1");
                });
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        r -> r.functionName(FN).eventSourceArn(KINESIS).startingPosition("invalid")))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.getMessage())
                        .startsWith("1 validation error detected: Value 'invalid' at 'startingPosition' failed to "
                                + "satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, "
                                + "TRIM_HORIZON]"));
    }

    @Test
    void duplicateMappingArrivesAsResourceConflictException() {
        String uuid = lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE))
                .uuid();

        assertThatThrownBy(() ->
                        lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE)))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("An event source mapping with SQS arn (\" " + QUEUE + " \") and function (\" "
                                    + FN + " \") already exists. Please update or delete the existing mapping with "
                                    + "UUID " + uuid);
                });
    }

    @Test
    void unknownUuidArrivesAsResourceNotFoundExceptionForUpdateAndDelete() {
        assertThatThrownBy(() ->
                        lambda.updateEventSourceMapping(r -> r.uuid("nope").batchSize(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteEventSourceMapping(r -> r.uuid("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("The resource you requested does not exist.");
    }

    @Test
    void updateWhileCreatingArrivesAsResourceInUseException() throws Exception {
        CountDownLatch applying = runtime.holdNextApply();
        CompletableFuture<String> creating = CompletableFuture.supplyAsync(
                () -> lambda.createEventSourceMapping(r -> r.functionName(FN).eventSourceArn(QUEUE))
                        .uuid());
        assertThat(applying.await(10, TimeUnit.SECONDS)).isTrue();
        String uuid = runtime.applied.get(0).uuid();
        try {
            assertThatThrownBy(() ->
                            lambda.updateEventSourceMapping(r -> r.uuid(uuid).batchSize(2)))
                    .isInstanceOfSatisfying(ResourceInUseException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Cannot update the event source mapping because it is in use.");
                    });
        } finally {
            runtime.releaseApply();
        }
        assertThat(creating.get(10, TimeUnit.SECONDS)).isEqualTo(uuid);
    }
}
