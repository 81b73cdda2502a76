package io.tributary.app.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/** CreateEventSourceMapping for Kinesis through the AWS SDK, with the real Kinesis connector answering lookups. */
class KinesisMappingApiIT extends KinesisItSupport {
    @TempDir
    Path dataDir;

    private KinesisEngine engine;
    private String fn;

    @BeforeAll
    static void startServers() {
        startKinesalite();
    }

    @AfterAll
    static void stopServers() {
        stopKinesalite();
    }

    @BeforeEach
    void startEngine() {
        fn = unique("api");
        engine = new KinesisEngine(dataDir, kinesalite.settings(), null, List.of(fn), Clock.systemUTC());
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void aMissingStreamIsStreamNotFound() {
        String arn = kinesalite.streamArn("no-such-stream");

        assertThatThrownBy(() -> engine.lambda()
                        .createEventSourceMapping(r ->
                                r.functionName(fn).eventSourceArn(arn).startingPosition(EventSourcePosition.LATEST)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Stream not found: " + arn);
    }

    @Test
    void startingPositionIsRequired() {
        String stream = newStream(1);

        assertThatThrownBy(() -> engine.lambda()
                        .createEventSourceMapping(r -> r.functionName(fn).eventSourceArn(kinesalite.streamArn(stream))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("1 validation error detected: Value null at 'startingPosition' failed to"
                        + " satisfy constraint: Member must not be null.");
    }

    @Test
    void aSecondMappingOfTheSameStreamAndFunctionIsAConflictWithAwsWording() {
        String stream = newStream(1);
        String arn = kinesalite.streamArn(stream);
        String first = createMapping(engine.lambda(), fn, stream, r -> {});

        assertThatThrownBy(() -> createMapping(engine.lambda(), fn, stream, r -> {}))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageStartingWith("The event source arn (\" " + arn + " \") and function (\" " + fn
                        + " \") provided mapping already exists. Please update or delete the existing mapping with"
                        + " UUID " + first);
    }

    @Test
    void outOfRangeStreamSettingsAreRejected() {
        String stream = newStream(1);

        assertThatThrownBy(() -> createMapping(engine.lambda(), fn, stream, r -> r.parallelizationFactor(11)))
                .isInstanceOf(LambdaException.class)
                .hasMessageContaining("parallelizationFactor");
        assertThatThrownBy(() -> createMapping(engine.lambda(), fn, stream, r -> r.maximumRecordAgeInSeconds(30)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith(
                        "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)");
    }

    @Test
    void aCreatedMappingShowsLambdasStreamDefaults() {
        String stream = newStream(1);

        CreateEventSourceMappingResponse created = engine.lambda().createEventSourceMapping(r -> r.functionName(fn)
                .eventSourceArn(kinesalite.streamArn(stream))
                .startingPosition(EventSourcePosition.TRIM_HORIZON));

        assertThat(created.batchSize()).isEqualTo(100);
        assertThat(created.parallelizationFactor()).isEqualTo(1);
        assertThat(created.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(created.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(created.bisectBatchOnFunctionError()).isFalse();
        assertThat(created.startingPosition()).isEqualTo(EventSourcePosition.TRIM_HORIZON);
        assertThat(created.state()).isEqualTo("Creating");
    }
}
