package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.QueueConnector;
import io.tributary.connectors.sqs.QueueSpec;
import io.tributary.connectors.sqs.SqsAdmin;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Describing a queue of the embedded server in-process answers what the two HTTP calls answer. */
class InProcessQueueConnectorIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String ARN = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":";

    @TempDir
    Path dataDir;

    @Test
    void describesEveryQueueAsTheHttpConnectorDoes() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(dataDir, 0, REGION, ACCOUNT);
                SqsConnector http = new SqsConnector(SqsSettings.local(sqs.endpoint(), REGION, ACCOUNT))) {
            // given a standard queue with its own visibility timeout, one with the default and a FIFO queue
            new SqsAdmin(http)
                    .ensureQueues(List.of(
                            new QueueSpec("slow", Map.of("VisibilityTimeout", "45")),
                            new QueueSpec("plain", Map.of()),
                            new QueueSpec("ordered.fifo", Map.of("ContentBasedDeduplication", "true"))));
            QueueConnector inProcess = sqs.describingInProcess(http);

            // then: same URL, visibility timeout and FIFO flag; a missing queue is missing for both
            for (String name : List.of("slow", "plain", "ordered.fifo", "missing")) {
                assertThat(inProcess.describe(ARN + name)).isEqualTo(http.describe(ARN + name));
            }
            assertThat(inProcess.describe(ARN + "slow"))
                    .hasValueSatisfying(
                            q -> assertThat(q.visibilityTimeout().toSeconds()).isEqualTo(45));
            assertThat(inProcess.describe(ARN + "ordered.fifo"))
                    .hasValueSatisfying(q -> assertThat(q.fifo()).isTrue());
            assertThat(inProcess.describe(ARN + "missing")).isEmpty();
            // another account's queue is left to the HTTP connector
            String otherAccount = "arn:aws:sqs:" + REGION + ":111111111111:plain";
            assertThat(inProcess.describe(otherAccount).isPresent())
                    .isEqualTo(http.describe(otherAccount).isPresent());
            assertThat(inProcess.serves(ARN + "plain")).isTrue();
        }
    }
}
