package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the embedded server's {@link QueueStore} keeps across a restart, on real ElasticMQ and H2. */
class QueueStoreIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String REDRIVE =
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:work-dlq\"," + "\"maxReceiveCount\":\"2\"}";

    @TempDir
    Path dir;

    @Test
    void visibleInFlightDelayedFifoAndRedrivenMessagesSurviveARestart() {
        // given a queue with a redrive policy holding a message in flight, one received twice (its receive count at
        // maxReceiveCount), one visible with an attribute, one delayed; and a FIFO queue with three messages of a group
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            client.createQueue(b -> b.queueName("work-dlq"));
            String work = client.createQueue(
                            b -> b.queueName("work").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, REDRIVE)))
                    .queueUrl();
            client.sendMessage(b -> b.queueUrl(work).messageBody("in-flight"));
            assertThat(receive(client, work, 600)).extracting(Message::body).containsExactly("in-flight");
            client.sendMessage(b -> b.queueUrl(work).messageBody("poison"));
            for (int i = 0; i < 2; i++) {
                Message poison = receive(client, work, 600).get(0);
                client.changeMessageVisibility(b ->
                        b.queueUrl(work).receiptHandle(poison.receiptHandle()).visibilityTimeout(0));
            }
            client.sendMessage(b -> b.queueUrl(work)
                    .messageBody("visible")
                    .messageAttributes(Map.of(
                            "color",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("blue")
                                    .build())));
            client.sendMessage(b -> b.queueUrl(work).messageBody("delayed").delaySeconds(900));
            String fifo = client.createQueue(
                            b -> b.queueName("events.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            for (String body : List.of("a", "b", "c")) {
                client.sendMessage(b ->
                        b.queueUrl(fifo).messageBody(body).messageGroupId("g1").messageDeduplicationId("d-" + body));
            }
        }

        // when the server starts again on the same directory
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            String work = client.getQueueUrl(b -> b.queueName("work")).queueUrl();

            // then the in-flight and delayed messages are still hidden, the two others visible
            assertThat(counts(client, work))
                    .containsEntry("ApproximateNumberOfMessages", "2")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "1")
                    .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
            // and the message at maxReceiveCount moves to the dead-letter queue at its next receive, the other comes
            List<Message> received = receive(client, work, 30);
            assertThat(received).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo("visible");
                assertThat(m.messageAttributes().get("color").stringValue()).isEqualTo("blue");
            });
            String dlq = client.getQueueUrl(b -> b.queueName("work-dlq")).queueUrl();
            assertThat(receive(client, dlq, 30)).extracting(Message::body).containsExactly("poison");

            // and the FIFO messages come in their order with their group and deduplication ids
            String fifo = client.getQueueUrl(b -> b.queueName("events.fifo")).queueUrl();
            List<Message> events = client.receiveMessage(b -> b.queueUrl(fifo)
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            assertThat(events).extracting(Message::body).containsExactly("a", "b", "c");
            assertThat(events.get(0).attributes())
                    .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "g1")
                    .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "d-a");
        }
    }

    @Test
    void aThousandQueuesCreatedJustBeforeACloseAreAllBack() {
        // given 1,000 queues created as fast as the server answers, and a close right after the last answer
        try (EmbeddedSqs sqs = start();
                SqsAsyncClient client = SqsAsyncClient.builder()
                        .endpointOverride(sqs.endpoint())
                        .region(Region.of(REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .build()) {
            for (int batch = 0; batch < 1000; batch += 50) {
                List<CompletableFuture<?>> created = new ArrayList<>();
                for (int i = batch; i < batch + 50; i++) {
                    String name = "q-" + i;
                    created.add(client.createQueue(b -> b.queueName(name)));
                }
                CompletableFuture.allOf(created.toArray(CompletableFuture[]::new))
                        .join();
            }
        }

        // when the server starts again, then all of them are there
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            assertThat(client.listQueues(b -> b.maxResults(1000)).queueUrls()).hasSize(1000);
        }
    }

    @Test
    void aStoreWrittenByElasticMqsOwnStoreIsConvertedWithEveryQueueAndMessage() throws Exception {
        // given a directory written by ElasticMQ's SQL store (a table per queue): a queue with a redrive policy and
        // two messages, one in flight; a FIFO queue with three messages of a group
        try (LegacyElasticMqStore legacy = LegacyElasticMqStore.start(dir);
                SqsClient client = client(legacy)) {
            client.createQueue(b -> b.queueName("work-dlq"));
            String work = client.createQueue(b -> b.queueName("work")
                            .attributes(Map.of(
                                    QueueAttributeName.REDRIVE_POLICY, REDRIVE, QueueAttributeName.DELAY_SECONDS, "0")))
                    .queueUrl();
            client.sendMessage(b -> b.queueUrl(work).messageBody("in-flight"));
            assertThat(receive(client, work, 600)).hasSize(1);
            client.sendMessage(b -> b.queueUrl(work).messageBody("visible"));
            String fifo = client.createQueue(b -> b.queueName("events.fifo")
                            .attributes(Map.of(
                                    QueueAttributeName.FIFO_QUEUE,
                                    "true",
                                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                                    "true")))
                    .queueUrl();
            for (String body : List.of("a", "b", "c")) {
                client.sendMessage(b -> b.queueUrl(fifo).messageBody(body).messageGroupId("g1"));
            }
            legacy.awaitWritten("work");
        }
        assertThat(tables()).contains("QUEUE").anyMatch(t -> t.startsWith("MESSAGE_WORK_"));

        // when the embedded server starts on it, twice (the second start finds the new layout only)
        for (int run = 0; run < 2; run++) {
            try (EmbeddedSqs sqs = start();
                    SqsClient client = EmbeddedSqsIT.client(sqs)) {
                // then every queue is back with its attributes, and every message with its state
                assertThat(client.listQueues().queueUrls()).hasSize(3);
                String work = client.getQueueUrl(b -> b.queueName("work")).queueUrl();
                assertThat(client.getQueueAttributes(
                                        b -> b.queueUrl(work).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                                .attributesAsStrings()
                                .get("RedrivePolicy"))
                        .contains("work-dlq");
                assertThat(counts(client, work))
                        .containsEntry("ApproximateNumberOfMessages", "1")
                        .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
                String fifo =
                        client.getQueueUrl(b -> b.queueName("events.fifo")).queueUrl();
                assertThat(counts(client, fifo)).containsEntry("ApproximateNumberOfMessages", "3");
                if (run == 1) {
                    assertThat(client.receiveMessage(b -> b.queueUrl(fifo).maxNumberOfMessages(10))
                                    .messages())
                            .extracting(Message::body)
                            .containsExactly("a", "b", "c");
                }
            }
            // and ElasticMQ's tables are gone
            assertThat(tables()).containsExactlyInAnyOrder("SQS_QUEUE", "SQS_MESSAGE");
        }
    }

    @Test
    void aDeletedQueueIsGoneWithItsMessagesAfterARestart() {
        // given a queue with messages that was deleted, and another queue
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            String gone = client.createQueue(b -> b.queueName("gone")).queueUrl();
            client.sendMessage(b -> b.queueUrl(gone).messageBody("one"));
            client.sendMessage(b -> b.queueUrl(gone).messageBody("two"));
            client.deleteQueue(b -> b.queueUrl(gone));
            client.createQueue(b -> b.queueName("kept"));
        }

        // when the server starts again
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            // then only the other queue is there, and a queue created under the old name is empty
            assertThat(client.listQueues().queueUrls())
                    .singleElement()
                    .asString()
                    .endsWith("/kept");
            String again = client.createQueue(b -> b.queueName("gone")).queueUrl();
            assertThat(counts(client, again)).containsEntry("ApproximateNumberOfMessages", "0");
        }
    }

    @Test
    void aPurgedQueueStaysEmptyAfterARestart() {
        // given a queue purged of three messages, then sent one more
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            String url = client.createQueue(b -> b.queueName("purged")).queueUrl();
            for (String body : List.of("one", "two", "three")) {
                client.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            client.purgeQueue(b -> b.queueUrl(url));
            client.sendMessage(b -> b.queueUrl(url).messageBody("after"));
        }

        // when the server starts again, then only the message sent after the purge is there
        try (EmbeddedSqs sqs = start();
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            String url = client.getQueueUrl(b -> b.queueName("purged")).queueUrl();
            assertThat(client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("after");
        }
    }

    private EmbeddedSqs start() {
        return EmbeddedSqs.start(dir, 0, REGION, ACCOUNT);
    }

    private static List<Message> receive(SqsClient client, String url, int visibilityTimeout) {
        return client.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(visibilityTimeout)
                        .messageAttributeNames("All"))
                .messages();
    }

    private static Map<String, String> counts(SqsClient client, String url) {
        return client.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributesAsStrings();
    }

    private static SqsClient client(LegacyElasticMqStore legacy) {
        return SqsClient.builder()
                .endpointOverride(legacy.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    /** The tables in the H2 file (the server must be stopped). */
    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("elasticmq"), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
