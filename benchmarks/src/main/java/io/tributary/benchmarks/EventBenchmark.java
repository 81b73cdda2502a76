package io.tributary.benchmarks;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.tributary.api.Payload;
import io.tributary.api.SourceRecord;
import io.tributary.connectors.sqs.SqsRecordConverter;
import io.tributary.mapper.batch.EventAssembler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS hot path per batch, one thread: turning the SDK's received messages into Lambda's record JSON
 * ({@link SqsRecordConverter}), assembling the event JSON of a 10-record and a 10,000-record batch
 * ({@link EventAssembler}), and, for comparison, what a {@code RequestHandler<SQSEvent, …>} costs on top inside the
 * {@code java} executor (aws-lambda-java-serialization reading the event into an {@link SQSEvent}). Run with {@code
 * -prof gc} for allocation rates: {@code ./tributary bench jmh EventBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventBenchmark {
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:orders";

    private List<Message> messages10;
    private List<SourceRecord> records10;
    private List<SourceRecord> records10000;
    private Payload event10;
    private SqsRecordConverter converter;
    private PojoSerializer<SQSEvent> sqsEvents;

    @Setup
    public void setUp() {
        converter = new SqsRecordConverter(ARN, "us-east-1", false);
        messages10 = messages(10);
        records10 = records(messages10);
        records10000 = records(messages(10_000));
        event10 = EventAssembler.records(records10);
        sqsEvents = LambdaEventSerializers.serializerFor(SQSEvent.class, EventBenchmark.class.getClassLoader());
    }

    /** A realistic ~1.2 KB message: a JSON order as body, the usual attributes, one message attribute. */
    private static List<Message> messages(int count) {
        List<Message> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Message.builder()
                    .messageId(UUID.randomUUID().toString())
                    .receiptHandle("AQEB" + UUID.randomUUID() + UUID.randomUUID() + UUID.randomUUID())
                    .body(FilterBenchmark.BODY)
                    .md5OfBody("e4e68fb7bd0e697a0ae8f1bb342846b3")
                    .md5OfMessageAttributes("6b3cf1f5c9d4e0f2a1b8c7d6e5f4a3b2")
                    .attributes(Map.of(
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1",
                            MessageSystemAttributeName.SENT_TIMESTAMP, "1545082649183",
                            MessageSystemAttributeName.SENDER_ID, "AIDAIENQZJOLO23YVJ4VO",
                            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, "1545082649185"))
                    .messageAttributes(Map.of(
                            "Author",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("order-service")
                                    .build()))
                    .build());
        }
        return list;
    }

    private List<SourceRecord> records(List<Message> messages) {
        Instant now = Instant.now();
        List<SourceRecord> list = new ArrayList<>(messages.size());
        for (Message message : messages) {
            list.add(converter.toRecord(message, now));
        }
        return list;
    }

    /** Batch assembly: 10 received SDK messages → records → the event a function gets. */
    @Benchmark
    public Payload batchAssembly10() {
        return EventAssembler.records(records(messages10));
    }

    @Benchmark
    public Payload eventJson10() {
        return EventAssembler.records(records10);
    }

    @Benchmark
    public Payload eventJson10000() {
        return EventAssembler.records(records10000);
    }

    /** What a {@code RequestHandler<SQSEvent, …>} adds inside the java executor, per 10-record batch. */
    @Benchmark
    public SQSEvent sqsEventDeserialization10() {
        return sqsEvents.fromJson(event10.newInputStream());
    }
}
