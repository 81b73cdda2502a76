package io.tributary.app.kinesis;

import io.tributary.connectors.destination.DestinationEndpoint;
import io.tributary.connectors.testing.LocalPorts;
import io.tributary.connectors.testing.NodeServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * fauxqs ({@code npm fauxqs}, installed by the build under the root's {@code target/fauxqs}), an SNS/SQS emulator, as
 * a child process on a free port of 127.0.0.1. A topic's messages are read through an SQS queue subscribed to it with
 * raw message delivery, so the queue holds exactly the {@code Message} that was published.
 */
final class LocalSns implements AutoCloseable {
    private final NodeServer server;
    private final SnsClient sns;
    private final SqsClient sqs;

    LocalSns() {
        int port = LocalPorts.free();
        server = NodeServer.start(
                "fauxqs",
                NodeServer.installedCli("fauxqs.dir", "fauxqs", "node_modules/fauxqs/dist/cli.js"),
                port,
                List.of(),
                Map.of(
                        "FAUXQS_PORT", String.valueOf(port),
                        "FAUXQS_HOST", "127.0.0.1",
                        "FAUXQS_LOGGER", "false"),
                Duration.ofSeconds(30));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sns = SnsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(credentials)
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(credentials)
                .build();
    }

    /** How Tributary reaches this server. */
    DestinationEndpoint destinationEndpoint() {
        return new DestinationEndpoint(server.endpoint(), "test", "test");
    }

    /** Creates the topic and a queue of the same name subscribed to it (raw delivery); returns the topic's ARN. */
    String createTopicWithQueue(String name) {
        String topicArn = sns.createTopic(r -> r.name(name)).topicArn();
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn)
                .protocol("sqs")
                .endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        return topicArn;
    }

    /** Receives (and deletes) what reached the topic's queue so far, waiting up to 1 s for the first message. */
    List<String> drain(String name) {
        return LocalSqs.drain(sqs, name);
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
        server.close();
    }
}
