package io.tributary.app.kinesis;

import static org.awaitility.Awaitility.await;

import io.tributary.connectors.destination.DestinationEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * fauxqs ({@code npm fauxqs}, installed by the build under the root's {@code target/fauxqs}), an SNS/SQS emulator, as
 * a child process on a free port of 127.0.0.1. A topic's messages are read through an SQS queue subscribed to it with
 * raw message delivery, so the queue holds exactly the {@code Message} that was published.
 */
final class LocalSns implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final SnsClient sns;
    private final SqsClient sqs;

    LocalSns() {
        Path cli = cli();
        int port = freePort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder(List.of("node", cli.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment()
                .putAll(Map.of(
                        "FAUXQS_PORT", String.valueOf(port),
                        "FAUXQS_HOST", "127.0.0.1",
                        "FAUXQS_LOGGER", "false"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + cli, e);
        }
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("fauxqs exited with " + process.exitValue());
                        }
                        return accepts(port);
                    });
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sns = SnsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(credentials)
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(credentials)
                .build();
    }

    /** How Tributary reaches this server. */
    DestinationEndpoint destinationEndpoint() {
        return new DestinationEndpoint(endpoint, "test", "test");
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
        String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return bodies;
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Where the build installed fauxqs: system property {@code fauxqs.dir}, else the root's {@code target/}. */
    private static Path cli() {
        String dir = System.getProperty("fauxqs.dir");
        Path base = dir != null ? Path.of(dir) : Path.of("..", "target", "fauxqs");
        Path cli = base.resolve("node_modules/fauxqs/dist/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    "fauxqs is not installed at " + cli + ": run the build (mvn verify installs it)");
        }
        return cli;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
