package io.tributary.connectors.sqs;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * A plain SDK client for arranging and checking queues in tests, independent of the code under test. Blocking
 * (tests only). Shared with other modules through the connectors test-jar.
 */
public final class SqsTestClient implements AutoCloseable {
    private final SqsAsyncClient client;

    public SqsTestClient(ElasticMqServer server) {
        this.client = server.clientBuilder().build();
    }

    public SqsAsyncClient sdk() {
        return client;
    }

    /** Creates the queue (FIFO when the name ends with .fifo) and returns its URL. */
    public String createQueue(String name, Map<String, String> attributes) {
        Map<String, String> all = new java.util.HashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            all.putIfAbsent("FifoQueue", "true");
        }
        return client.createQueue(r -> r.queueName(name).attributesWithStrings(all))
                .join()
                .queueUrl();
    }

    public String createQueue(String name) {
        return createQueue(name, Map.of());
    }

    public String send(String queueUrl, String body) {
        return client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body))
                .join()
                .messageId();
    }

    public String send(String queueUrl, String body, Map<String, MessageAttributeValue> attributes) {
        return client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes))
                .join()
                .messageId();
    }

    public String send(SendMessageRequest request) {
        return client.sendMessage(request).join().messageId();
    }

    /** Receives without waiting, with every attribute, and does not delete. */
    /** Sends {@code count} messages with bodies {@code message 0}, {@code message 1}…, ten per batch. */
    public void sendNumbered(String queueUrl, int count) {
        for (int first = 0; first < count; first += 10) {
            List<SendMessageBatchRequestEntry> entries = IntStream.range(first, Math.min(first + 10, count))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id("m" + i)
                            .messageBody("message " + i)
                            .build())
                    .toList();
            client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).join();
        }
    }

    public List<Message> receive(String queueUrl, int max) {
        return client.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .join()
                .messages();
    }

    /** Makes a received message visible again at once (the test's stand-in for an expiring visibility timeout). */
    public void makeVisible(String queueUrl, String receiptHandle) {
        client.changeMessageVisibility(
                        r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(0))
                .join();
    }

    /** Visible plus in-flight messages. */
    public int messagesInQueue(String queueUrl) {
        Map<QueueAttributeName, String> a = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .join()
                .attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    public Map<String, String> queueAttributes(String queueUrl) {
        return client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("All"))
                .join()
                .attributesAsStrings();
    }

    @Override
    public void close() {
        client.close();
    }
}
