package io.tributary.app.sqs;

import static org.awaitility.Awaitility.await;

import io.tributary.app.ServiceOptions;
import io.tributary.app.Tributary;
import io.tributary.app.config.TributaryConfig;
import io.tributary.app.testing.RecordingFunction;
import io.tributary.connectors.testing.LocalPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The whole service on its embedded SQS server, with a recording function, for the parking ITs. */
final class EmbeddedService implements AutoCloseable {
    static final String ACCOUNT = "000000000000";

    final Tributary tributary;
    final EmbeddedSqs sqs;
    final SqsClient client;

    private EmbeddedService(Tributary tributary) {
        this.tributary = tributary;
        this.sqs = tributary.embeddedSqs().orElseThrow();
        this.client = EmbeddedSqsIT.client(sqs);
    }

    static EmbeddedService start(Path dataDir, RecordingFunction function, String queues, String mappings) {
        String yaml = "Sqs:\n"
                + "  Port: 0\n"
                + "  Queues:\n" + queues
                + "Functions:\n"
                + "  - FunctionName: recorder\n"
                + "    Timeout: 1\n"
                + "    Executor: { Type: http, Url: \"" + function.url() + "\" }\n"
                + "EventSourceMappings:\n" + mappings;
        return new EmbeddedService(Tributary.start(
                TributaryConfig.parse(yaml, "test.yaml"),
                new ServiceOptions(Optional.empty(), LocalPorts.free(), dataDir)));
    }

    static String queue(String name, String attributes) {
        return "    - QueueName: " + name + "\n      Attributes: " + attributes + "\n";
    }

    static String mapping(String queue) {
        return "  - FunctionName: recorder\n    EventSourceArn: " + arn(queue) + "\n";
    }

    static String arn(String queue) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queue;
    }

    /** Waits until the mapping of {@code queue} is parked (waits in process instead of long-polling). */
    void awaitParked(String queue, Duration atMost) {
        await().atMost(atMost).until(() -> sqs.waiting(queue) == 1);
    }

    String url(String queue) {
        return client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    }

    void send(String queue, String body, int delaySeconds) {
        client.sendMessage(r -> r.queueUrl(url(queue)).messageBody(body).delaySeconds(delaySeconds));
    }

    /** Visible and in-flight messages. */
    int messagesIn(String queue) {
        return client
                .getQueueAttributes(r -> r.queueUrl(url(queue))
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }

    LambdaClient lambda() {
        return LambdaClient.builder()
                .endpointOverride(tributary.endpoints().api())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    @Override
    public void close() {
        client.close();
        tributary.close();
    }
}
