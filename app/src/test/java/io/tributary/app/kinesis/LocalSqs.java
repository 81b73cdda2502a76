package io.tributary.app.kinesis;

import io.tributary.connectors.sqs.ElasticMqServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** An in-process ElasticMQ for on-failure destinations, with a client to create queues and read what arrived. */
final class LocalSqs implements AutoCloseable {
    private final ElasticMqServer server;
    private final SqsClient client;

    LocalSqs() {
        server = ElasticMqServer.start();
        client = SqsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(ElasticMqServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** Creates the queue; returns its ARN. */
    String createQueue(String name) {
        client.createQueue(r -> r.queueName(name));
        return server.queueArn(name);
    }

    /** Receives (and deletes) what is in the queue now, waiting up to 1 s for the first message. */
    List<String> drain(String name) {
        return drain(client, name);
    }

    /** Receives (and deletes) the bodies in the named queue of {@code sqs}, waiting up to 1 s for the first one. */
    static List<String> drain(SqsClient sqs, String name) {
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
        client.close();
        server.close();
    }
}
