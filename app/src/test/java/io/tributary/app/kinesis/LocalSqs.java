package io.tributary.app.kinesis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** An in-process ElasticMQ for on-failure destinations, with a client to create queues and read what arrived. */
final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    LocalSqs() {
        int port = freePort();
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(KinesisEngine.REGION)
                .withAWSAccountId(KinesisEngine.ACCOUNT)
                .start();
        server.waitUntilStarted();
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Creates the queue; returns its ARN. */
    String createQueue(String name) {
        client.createQueue(r -> r.queueName(name));
        return "arn:aws:sqs:" + KinesisEngine.REGION + ":" + KinesisEngine.ACCOUNT + ":" + name;
    }

    /** Receives (and deletes) what is in the queue now, waiting up to 1 s for the first message. */
    List<String> drain(String name) {
        String url = client.getQueueUrl(r -> r.queueName(name)).queueUrl();
        List<String> bodies = new ArrayList<>();
        List<Message> messages;
        do {
            messages = client.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message m : messages) {
                bodies.add(m.body());
                client.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return bodies;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
