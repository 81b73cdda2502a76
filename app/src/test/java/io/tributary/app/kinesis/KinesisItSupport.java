package io.tributary.app.kinesis;

import static org.awaitility.Awaitility.await;

import io.tributary.connectors.kinesis.KinesaliteServer;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/** Servers shared by the Kinesis ITs of one class, and small helpers. */
abstract class KinesisItSupport {
    private static final AtomicInteger NAMES = new AtomicInteger();

    static KinesaliteServer kinesalite;
    static KinesisConnector testConnector;
    static KinesisTestClient kinesis;

    static void startKinesalite() {
        kinesalite = KinesaliteServer.start();
        testConnector = new KinesisConnector(kinesalite.settings());
        kinesis = new KinesisTestClient(testConnector);
    }

    static void stopKinesalite() {
        testConnector.close();
        kinesalite.close();
    }

    /** A name no other test uses (functions, streams and queues). */
    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    static String newStream(int shards) {
        String name = unique("stream");
        kinesis.createStream(name, shards);
        return name;
    }

    /** {@code count} records {@code <prefix>|<i>}, with partition keys {@code key-<i mod keys>}. */
    static List<Map.Entry<String, String>> records(String prefix, int count, int keys) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(Map.entry("key-" + (i % keys), prefix + "|" + i));
        }
        return records;
    }

    /** Creates a mapping with the SDK's CreateEventSourceMapping; returns its UUID. */
    static String createMapping(
            LambdaClient lambda,
            String function,
            String stream,
            Consumer<CreateEventSourceMappingRequest.Builder> settings) {
        return lambda.createEventSourceMapping(r -> {
                    r.functionName(function)
                            .eventSourceArn(kinesalite.streamArn(stream))
                            .startingPosition(EventSourcePosition.TRIM_HORIZON);
                    settings.accept(r);
                })
                .uuid();
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50));
    }

    static <T> void awaitSize(Supplier<List<T>> list, int size) {
        eventually().until(() -> list.get().size() >= size);
    }
}
