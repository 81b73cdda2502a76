package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.api.TributaryException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    @Test
    void queuesAndMessagesSurviveARestartIncludingInFlightMessages() {
        // given a queue with a redrive policy, three messages, one of them received (in flight for 2 s)
        String queueUrl;
        String inFlightId;
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsClient client = client(sqs)) {
            client.createQueue(b -> b.queueName("orders-dlq"));
            queueUrl = client.createQueue(b -> b.queueName("orders")
                            .attributes(Map.of(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    "30",
                                    QueueAttributeName.REDRIVE_POLICY,
                                    "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\","
                                            + "\"maxReceiveCount\":\"3\"}")))
                    .queueUrl();
            for (String body : List.of("one", "two", "three")) {
                String url = queueUrl;
                client.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            String url = queueUrl;
            List<Message> received = client.receiveMessage(
                            b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(2))
                    .messages();
            assertThat(received).hasSize(1);
            inFlightId = received.get(0).messageId();
        }

        // when the server starts again on the same directory
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsClient client = client(sqs)) {
            String url = client.getQueueUrl(b -> b.queueName("orders")).queueUrl();

            // then the queues are back with their attributes
            assertThat(client.listQueues().queueUrls()).hasSize(2);
            Map<String, String> attributes = client.getQueueAttributes(
                            b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributesAsStrings();
            assertThat(attributes).containsEntry("VisibilityTimeout", "30");
            assertThat(attributes).containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:orders");
            assertThat(attributes.get("RedrivePolicy"))
                    .contains("arn:aws:sqs:us-east-1:000000000000:orders-dlq")
                    .contains("3");

            // and the two visible messages are there, the in-flight one stays hidden until its timeout ends
            List<Message> visible = client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                    .messages();
            assertThat(visible).extracting(Message::body).containsExactlyInAnyOrder("two", "three");
            assertThat(visible).extracting(Message::messageId).doesNotContain(inFlightId);

            List<Message> redelivered = await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> client.receiveMessage(b -> b.queueUrl(url)
                                            .maxNumberOfMessages(10)
                                            .messageSystemAttributeNames(
                                                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                    .messages(),
                            messages -> !messages.isEmpty());
            assertThat(redelivered).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo(inFlightId);
                assertThat(m.body()).isEqualTo("one");
                assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            });
        }
    }

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedSqs.start(dataDir, taken.getLocalPort(), REGION, ACCOUNT))
                    .isInstanceOf(TributaryException.class)
                    .hasMessage("Cannot start the embedded SQS server: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is in use. Set Sqs.Port to another port, or Sqs.Endpoint to use a"
                            + " running SQS server");
        }
        // and the failed start released everything: a new server starts on the same directory
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT)) {
            assertThat(sqs.port()).isPositive();
        }
    }

    static SqsClient client(EmbeddedSqs sqs) {
        return SqsClient.builder()
                .endpointOverride(sqs.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }
}
