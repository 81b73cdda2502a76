package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Listing the embedded server's queues in process answers what an HTTP ListQueues answers. */
class InProcessQueueListerIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    @Test
    void listsTheQueuesWithTheUrlsThatListQueuesGives() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsConnector http = new SqsConnector(SqsSettings.local(sqs.endpoint(), REGION, ACCOUNT));
                SqsClient client = EmbeddedSqsIT.client(sqs)) {
            SqsAdmin.QueueLister inProcess = sqs.queueLister();
            // given no queue, then a standard and a FIFO queue
            assertThat(inProcess.queueUrlsByName()).isEmpty();
            new SqsAdmin(http)
                    .ensureQueues(List.of(new QueueSpec("plain", Map.of()), new QueueSpec("ordered.fifo", Map.of())));

            // when
            Map<String, String> listed = inProcess.queueUrlsByName();

            // then: the same names and URLs as ListQueues over HTTP
            Map<String, String> overHttp = new HashMap<>();
            client.listQueues().queueUrls().forEach(url -> overHttp.put(url.substring(url.lastIndexOf('/') + 1), url));
            assertThat(listed).containsOnlyKeys("plain", "ordered.fifo").isEqualTo(overHttp);
        }
    }

    @Test
    void anAdminWithTheInProcessListerFindsExistingQueuesAndCreatesTheOthers() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsConnector http = new SqsConnector(SqsSettings.local(sqs.endpoint(), REGION, ACCOUNT))) {
            // given one of two declared queues exists, with another visibility timeout
            new SqsAdmin(http).ensureQueues(List.of(new QueueSpec("old", Map.of("VisibilityTimeout", "10"))));
            SqsAdmin admin = new SqsAdmin(http, sqs.queueLister());

            // when
            admin.ensureQueues(List.of(
                    new QueueSpec("old", Map.of("VisibilityTimeout", "45")),
                    new QueueSpec("new", Map.of("VisibilityTimeout", "45"))));

            // then: the existing queue is left as it is, the missing one created with its attributes
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
        }
    }
}
