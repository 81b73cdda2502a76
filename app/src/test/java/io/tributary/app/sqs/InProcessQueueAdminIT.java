package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.SourceException;
import io.tributary.connectors.sqs.QueueSpec;
import io.tributary.connectors.sqs.SqsAdmin;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Listing and creating plain queues of the embedded server in process answers what the HTTP calls answer. */
class InProcessQueueAdminIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    @Test
    void listsTheQueuesWithTheUrlsThatListQueuesGives() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsConnector http = new SqsConnector(SqsSettings.local(sqs.endpoint(), REGION, ACCOUNT));
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            SqsAdmin.InProcessQueues inProcess = sqs.inProcessQueues();
            // given no queue, then a standard and a FIFO queue
            assertThat(inProcess.queueUrlsByName()).isEmpty();
            new SqsAdmin(http)
                    .ensureQueues(List.of(new QueueSpec("plain", Map.of()), new QueueSpec("ordered.fifo", Map.of())));

            // when
            Map<String, String> listed = inProcess.queueUrlsByName();

            // then: the same names and URLs as ListQueues over HTTP
            assertThat(listed).containsOnlyKeys("plain", "ordered.fifo").isEqualTo(listQueues(client));
        }
    }

    @Test
    void aPlainQueueCreatedInProcessIsTheQueueThatCreateQueueMakes() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            // when one queue is created over HTTP with only its name, and one in process
            String overHttp = client.createQueue(r -> r.queueName("over-http")).queueUrl();
            String inProcess = sqs.inProcessQueues().createWithDefaults("in-process");

            // then: the URL GetQueueUrl gives, and every attribute the same but the name and the clock's
            assertThat(inProcess)
                    .isEqualTo(
                            client.getQueueUrl(r -> r.queueName("in-process")).queueUrl())
                    .isEqualTo(overHttp.replace("over-http", "in-process"));
            assertThat(comparableAttributes(client, inProcess)).isEqualTo(comparableAttributes(client, overHttp));
            assertThat(listQueues(client)).containsOnlyKeys("over-http", "in-process");
        }
    }

    @Test
    void creatingAnExistingQueueInProcessAnswersAsCreateQueueDoes() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            SqsAdmin.InProcessQueues inProcess = sqs.inProcessQueues();
            // given a plain queue and one with its own visibility timeout
            client.createQueue(r -> r.queueName("plain"));
            client.createQueue(r -> r.queueName("slow").attributesWithStrings(Map.of("VisibilityTimeout", "10")));

            // then: a plain queue may be created again, in process as over HTTP
            assertThat(inProcess.createWithDefaults("plain"))
                    .isEqualTo(client.createQueue(r -> r.queueName("plain")).queueUrl());
            // and the queue with other attributes gets the same answer both ways
            boolean httpAccepts;
            try {
                client.createQueue(r -> r.queueName("slow"));
                httpAccepts = true;
            } catch (SqsException e) {
                httpAccepts = false;
            }
            if (httpAccepts) {
                assertThat(inProcess.createWithDefaults("slow")).endsWith("/slow");
            } else {
                assertThatThrownBy(() -> inProcess.createWithDefaults("slow"))
                        .isInstanceOf(SourceException.class)
                        .hasMessageContaining("slow");
            }
            assertThat(client.getQueueAttributes(r -> r.queueUrl(sqs.endpoint() + "/" + ACCOUNT + "/slow")
                                    .attributeNamesWithStrings("VisibilityTimeout"))
                            .attributesAsStrings())
                    .containsEntry("VisibilityTimeout", "10");
        }
    }

    @Test
    void anAdminOnTheEmbeddedServerFindsExistingQueuesAndCreatesTheOthers() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsConnector http = new SqsConnector(SqsSettings.local(sqs.endpoint(), REGION, ACCOUNT))) {
            // given one of three declared queues exists, with another visibility timeout
            new SqsAdmin(http).ensureQueues(List.of(new QueueSpec("old", Map.of("VisibilityTimeout", "10"))));
            SqsAdmin admin = new SqsAdmin(http, sqs.inProcessQueues());

            // when
            admin.ensureQueues(List.of(
                    new QueueSpec("old", Map.of("VisibilityTimeout", "45")),
                    new QueueSpec("new", Map.of("VisibilityTimeout", "45")),
                    new QueueSpec("plain")));

            // then: the existing queue is left as it is, the missing ones created with their attributes
            String arn = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":";
            assertThat(http.describe(arn + "old")
                            .orElseThrow()
                            .visibilityTimeout()
                            .toSeconds())
                    .isEqualTo(10);
            assertThat(http.describe(arn + "new")
                            .orElseThrow()
                            .visibilityTimeout()
                            .toSeconds())
                    .isEqualTo(45);
            assertThat(http.describe(arn + "plain")
                            .orElseThrow()
                            .visibilityTimeout()
                            .toSeconds())
                    .isEqualTo(30);
        }
    }

    private static Map<String, String> listQueues(SqsClient client) {
        Map<String, String> urls = new HashMap<>();
        client.listQueues().queueUrls().forEach(url -> urls.put(url.substring(url.lastIndexOf('/') + 1), url));
        return urls;
    }

    /** Every attribute GetQueueAttributes gives, but the queue's name (in its ARN) and its timestamps. */
    private static Map<String, String> comparableAttributes(SqsClient client, String url) {
        Map<String, String> attributes =
                new HashMap<>(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributesAsStrings());
        attributes.remove("QueueArn");
        attributes.remove("CreatedTimestamp");
        attributes.remove("LastModifiedTimestamp");
        return attributes;
    }
}
