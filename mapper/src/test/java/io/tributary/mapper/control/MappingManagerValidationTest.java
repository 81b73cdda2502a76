package io.tributary.mapper.control;

import static io.tributary.mapper.control.RequestBuilder.request;
import static io.tributary.mapper.control.RequestBuilder.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.FakeQueueConnector;
import io.tributary.mapper.testing.InMemoryMappingStore;
import io.tributary.mapper.testing.RecordingMappingRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every validation error of Create, Update, Get, List and Delete, with AWS's type, status and exact message. */
class MappingManagerValidationTest {
    static final String FN = "my-fn";
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    static final String FIFO = "arn:aws:sqs:us-east-1:000000000000:orders.fifo";
    static final String KINESIS = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
    static final String DYNAMODB = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024-01-01T00:00:00.000";
    static final String IPVE = "InvalidParameterValueException";

    final FakeFunctionRegistry functions = new FakeFunctionRegistry().add(FN);
    final FakeQueueConnector queues = new FakeQueueConnector().add(QUEUE).add(FIFO);
    final List<String> existingStreams = new ArrayList<>(List.of(KINESIS, DYNAMODB));
    MappingManager manager;

    @BeforeEach
    void setUp() {
        StreamLookup streams = new StreamLookup() {
            @Override
            public boolean serves(String arn) {
                return SourceKind.fromArn(arn) != SourceKind.SQS;
            }

            @Override
            public boolean exists(String arn) {
                return existingStreams.contains(arn);
            }
        };
        manager = new MappingManager(
                new InMemoryMappingStore(),
                functions,
                List.of(queues),
                List.of(streams),
                new RecordingMappingRuntime(),
                new ManualClock(Instant.parse("2024-05-01T10:00:00Z")),
                "us-east-1",
                "000000000000");
    }

    static void assertError(ThrowingCallable call, String type, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EsmException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e).hasMessage(message);
        });
    }

    static void assertInvalid(ThrowingCallable call, String message) {
        assertError(call, IPVE, 400, message);
    }

    static void assertValidation(ThrowingCallable call, String message) {
        assertError(call, "ValidationException", 400, message);
    }

    @Test
    void onSuccessDestinationIsRejectedBeforeTheFunctionIsLookedUp() {
        assertInvalid(
                () -> manager.create(request("no-such-fn", QUEUE)
                        .onSuccess("arn:aws:sqs:us-east-1:000000000000:dest")
                        .build()),
                "Unsupported DestinationConfig parameter for given event source mapping type.");
    }

    @Test
    void unknownFunctionIsRejected() {
        assertInvalid(() -> manager.create(request("no-such-fn", QUEUE).build()), "Function does not exist");
    }

    @Test
    void missingOrUnknownEventSourceIsUnrecognized() {
        assertInvalid(() -> manager.create(request(FN, null).build()), "Unrecognized event source.");
        assertInvalid(
                () -> manager.create(
                        request(FN, "arn:aws:sns:us-east-1:000000000000:topic").build()),
                "Unrecognized event source.");
    }

    @Test
    void missingFunctionNameFailsTheModelConstraint() {
        assertValidation(
                () -> manager.create(request(null, QUEUE).build()),
                "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void eventSourceArnMustMatchTheModelPattern() {
        assertThatThrownBy(() -> manager.create(request(FN, "not-an-arn").build()))
                .isInstanceOfSatisfying(
                        EsmException.class, e -> assertThat(e.type()).isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value 'not-an-arn' at 'eventSourceArn' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: arn:");
    }

    @Test
    void outOfRangeMembersFailWithAwsFrameworkMessages() {
        assertValidation(
                () -> manager.create(request(FN, QUEUE).batchSize(0).build()),
                "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertValidation(
                () -> manager.create(request(FN, QUEUE).batchSize(10001).build()),
                "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
        assertValidation(
                () -> manager.create(request(FN, QUEUE).window(301).build()),
                "1 validation error detected: Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 300");
        assertValidation(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .parallelizationFactor(11)
                        .build()),
                "1 validation error detected: Value '11' at 'parallelizationFactor' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10");
        assertValidation(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .maximumRetryAttempts(-2)
                        .build()),
                "1 validation error detected: Value '-2' at 'maximumRetryAttempts' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to -1");
        assertValidation(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .tumblingWindow(901)
                        .build()),
                "1 validation error detected: Value '901' at 'tumblingWindowInSeconds' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 900");
        assertValidation(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .maximumRecordAge(604801)
                        .build()),
                "1 validation error detected: Value '604801' at 'maximumRecordAgeInSeconds' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 604800");
    }

    @Test
    void severalViolationsAreReportedTogether() {
        assertValidation(
                () -> manager.create(request(FN, QUEUE).batchSize(0).window(-1).build()),
                "2 validation errors detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1; Value '-1' at 'maximumBatchingWindowInSeconds' failed to "
                        + "satisfy constraint: Member must have value greater than or equal to 0");
    }

    @Test
    void rangesAreCheckedOnUpdateToo() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();
        assertValidation(
                () -> manager.update(uuid, update().batchSize(0).build()),
                "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void sqsBatchOverTenNeedsABatchingWindowOnCreateAndUpdate() {
        String message =
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10";
        assertInvalid(() -> manager.create(request(FN, QUEUE).batchSize(11).build()), message);

        String uuid = manager.create(request(FN, QUEUE).batchSize(11).window(1).build())
                .uuid();
        assertInvalid(() -> manager.update(uuid, update().window(0).build()), message);
        assertThat(manager.get(uuid).maximumBatchingWindowInSeconds()).isEqualTo(1);
    }

    @Test
    void onFailureDestinationIsRejectedForSqs() {
        assertInvalid(
                () -> manager.create(request(FN, QUEUE)
                        .onFailure("arn:aws:sqs:us-east-1:000000000000:dlq")
                        .build()),
                "Unsupported DestinationConfig parameter for given event source mapping type.");
    }

    @Test
    void missingQueueFailsLikeSqsReceiveMessage() {
        assertInvalid(
                () -> manager.create(request(FN, "arn:aws:sqs:us-east-1:000000000000:missing")
                        .build()),
                "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
                        + "SQS Error Message: The specified queue does not exist.");
    }

    @Test
    void queueVisibilityTimeoutMustCoverTheFunctionTimeoutOnCreateAndUpdate() {
        functions.add("slow-fn", Duration.ofSeconds(900));
        String message = "Queue visibility timeout: 30 seconds is less than Function timeout: 900 seconds";
        assertInvalid(() -> manager.create(request("slow-fn", QUEUE).build()), message);

        String uuid = manager.create(request(FN, QUEUE).build()).uuid();
        assertInvalid(
                () -> manager.update(uuid, update().functionName("slow-fn").build()), message);
    }

    @Test
    void fifoQueuesTakeNoBatchingWindowAndAtMostTenMessages() {
        assertInvalid(
                () -> manager.create(request(FN, FIFO).window(1).build()),
                "Batching window is not supported for FIFO queues");
        assertInvalid(
                () -> manager.create(request(FN, FIFO).batchSize(11).build()),
                "Maximum batch size must be between 1 and 10 inclusive");
    }

    @Test
    void maximumConcurrencyIsTwoToOneThousand() {
        assertValidation(
                () -> manager.create(request(FN, QUEUE).maximumConcurrency(1).build()),
                "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 2");
        assertValidation(
                () -> manager.create(request(FN, QUEUE).maximumConcurrency(1001).build()),
                "1 validation error detected: Value '1001' at 'scalingConfig.maximumConcurrency' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void functionResponseTypesAcceptOnlyReportBatchItemFailures() {
        assertValidation(
                () -> manager.create(
                        request(FN, QUEUE).responseTypes("Everything").build()),
                "1 validation error detected: Value '[Everything]' at 'functionResponseTypes' failed to satisfy "
                        + "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + "[ReportBatchItemFailures]]");
    }

    @Test
    void secondSqsMappingOfTheSameFunctionAndQueueConflicts() {
        String uuid = manager.create(request(FN, QUEUE).build()).uuid();
        assertError(
                () -> manager.create(
                        request(FakeFunctionRegistry.PREFIX + FN, QUEUE).build()),
                "ResourceConflictException",
                409,
                "An event source mapping with SQS arn (\" " + QUEUE + " \") and function (\" " + FN
                        + " \") already exists. Please update or delete the existing mapping with UUID " + uuid);
    }

    @Test
    void streamsRequireAStartingPosition() {
        assertInvalid(
                () -> manager.create(request(FN, KINESIS).build()),
                "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: "
                        + "Member must not be null.");
    }

    @Test
    void unknownStartingPositionIsAValidationException() {
        assertValidation(
                () -> manager.create(
                        request(FN, KINESIS).startingPosition("invalid").build()),
                "1 validation error detected: Value 'invalid' at 'startingPosition' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]");
    }

    @Test
    void dynamoDbStreamsRejectAtTimestamp() {
        assertInvalid(
                () -> manager.create(request(FN, DYNAMODB)
                        .startingPosition("AT_TIMESTAMP")
                        .startingPositionTimestamp(Instant.parse("2024-04-01T00:00:00Z"))
                        .build()),
                "Unsupported starting position for arn type: " + DYNAMODB);
    }

    @Test
    void streamDestinationsMustBeAnSqsQueueAnSnsTopicOrAnS3BucketOnCreateAndUpdate() {
        String lambda = "arn:aws:lambda:us-east-1:000000000000:function:other";
        assertInvalid(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .onFailure(lambda)
                        .build()),
                "The destination ARN " + lambda + " is invalid.");
        String uuid = manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .onFailure("arn:aws:s3:::failed-records")
                        .build())
                .uuid();
        manager.update(
                uuid,
                update().onFailure("arn:aws:sns:us-east-1:000000000000:failures")
                        .build());
        manager.update(
                uuid,
                update().onFailure("arn:aws:sqs:us-east-1:000000000000:failures")
                        .build());
        assertInvalid(
                () -> manager.update(
                        uuid, update().onFailure("kafka://failures").build()),
                "The destination ARN kafka://failures is invalid.");
        assertThat(manager.get(uuid).onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:failures");
    }

    @Test
    void recordAgeBelowSixtySecondsIsRejected() {
        assertInvalid(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .maximumRecordAge(59)
                        .build()),
                "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)");
    }

    @Test
    void streamBatchOverTenOtherThanTheDefaultNeedsABatchingWindow() {
        assertInvalid(
                () -> manager.create(request(FN, KINESIS)
                        .startingPosition("LATEST")
                        .batchSize(500)
                        .build()),
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    }

    @Test
    void unknownStreamIsNotFound() {
        existingStreams.clear();
        assertInvalid(
                () -> manager.create(
                        request(FN, KINESIS).startingPosition("LATEST").build()),
                "Stream not found: " + KINESIS);
    }

    @Test
    void withoutAStreamLookupEveryStreamIsNotFound() {
        MappingManager plain = new MappingManager(
                new InMemoryMappingStore(),
                functions,
                List.of(queues),
                new RecordingMappingRuntime(),
                new ManualClock(Instant.EPOCH),
                "us-east-1",
                "000000000000");
        assertInvalid(
                () -> plain.create(
                        request(FN, DYNAMODB).startingPosition("LATEST").build()),
                "Stream not found: " + DYNAMODB);
    }

    @Test
    void secondStreamMappingOfTheSameFunctionAndStreamConflicts() {
        String uuid = manager.create(
                        request(FN, KINESIS).startingPosition("LATEST").build())
                .uuid();
        assertError(
                () -> manager.create(
                        request(FN, KINESIS).startingPosition("TRIM_HORIZON").build()),
                "ResourceConflictException",
                409,
                "The event source arn (\" " + KINESIS + " \") and function (\" " + FN
                        + " \") provided mapping already exists. Please update or delete the existing mapping with UUID "
                        + uuid);
    }

    @Test
    void filterPatternsAreCompiledAtCreate() {
        assertInvalid(
                () -> manager.create(request(FN, QUEUE).filters("not json").build()),
                "Invalid filter pattern definition.");
        assertInvalid(
                () -> manager.create(request(FN, QUEUE).filters((String) null).build()),
                "Invalid filter pattern definition.");

        assertInvalid(
                () -> manager.create(request(FN, QUEUE)
                        .filters("{\"body\":{\"a\":[{\"nope\":1}]}}")
                        .build()),
                "Invalid filter pattern definition.");

        EventSourceMapping created = manager.create(
                request(FN, QUEUE).filters("{\"body\":{\"a\":[1]}}").build());
        assertThat(created.filterCriteria()).containsExactly("{\"body\":{\"a\":[1]}}");
    }

    @Test
    void unknownUuidIsNotFoundForGetUpdateAndDelete() {
        String message = "The resource you requested does not exist.";
        assertError(() -> manager.get("nope"), "ResourceNotFoundException", 404, message);
        assertError(
                () -> manager.update("nope", update().batchSize(5).build()), "ResourceNotFoundException", 404, message);
        assertError(() -> manager.delete("nope"), "ResourceNotFoundException", 404, message);
    }

    @Test
    void maxItemsIsOneToTenThousand() {
        assertValidation(
                () -> manager.list(null, null, null, 0),
                "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertValidation(
                () -> manager.list(null, null, null, 10001),
                "1 validation error detected: Value '10001' at 'maxItems' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
    }

    @Test
    void garbageMarkerIsRejected() {
        assertInvalid(() -> manager.list(null, null, "%%%", null), "Invalid Marker: %%%");
    }

    @Test
    void membersFixedAtCreationCannotBeUpdated() {
        EventSourceMapping m = manager.create(request(FN, QUEUE).build());
        assertInvalid(
                () -> manager.update(
                        m.uuid(),
                        request(null, "arn:aws:sqs:us-east-1:000000000000:other")
                                .build()),
                "EventSourceArn can only be set when the event source mapping is created, not updated.");
    }
}
