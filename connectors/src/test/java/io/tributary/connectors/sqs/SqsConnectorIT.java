package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.QueueDescription;
import io.tributary.api.SourceException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SqsConnector#describe} and {@link SqsConnector#serves} against an in-process ElasticMQ. */
class SqsConnectorIT {
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private static SqsConnector connector;

    @BeforeAll
    static void startServer() {
        server = ElasticMqServer.start();
        sqs = new SqsTestClient(server);
        connector = new SqsConnector(server.settings());
    }

    @AfterAll
    static void stopServer() {
        connector.close();
        sqs.close();
        server.stop();
    }

    @Test
    void describesAnExistingStandardQueueWithItsUrlAndDefaultVisibilityTimeout() {
        // given
        String name = queueName("standard");
        String url = sqs.createQueue(name);

        // when
        QueueDescription description = connector.describe(server.queueArn(name)).orElseThrow();

        // then
        assertThat(description.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + name);
        assertThat(description.url()).isEqualTo(url);
        assertThat(description.fifo()).isFalse();
        assertThat(description.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void describesTheVisibilityTimeoutTheQueueWasCreatedWith() {
        String name = queueName("visibility");
        sqs.createQueue(name, Map.of("VisibilityTimeout", "75"));

        QueueDescription description = connector.describe(server.queueArn(name)).orElseThrow();

        assertThat(description.visibilityTimeout()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void describesAFifoQueueAsFifo() {
        String name = queueName("ordered") + ".fifo";
        sqs.createQueue(name);

        QueueDescription description = connector.describe(server.queueArn(name)).orElseThrow();

        assertThat(description.fifo()).isTrue();
    }

    @Test
    void aMissingQueueIsEmpty() {
        assertThat(connector.describe(server.queueArn(queueName("missing")))).isEmpty();
    }

    @Test
    void anUnreachableEndpointFailsWithSourceExceptionNamingTheEndpoint() {
        // given: port 1, where nothing listens. Not a just-freed ephemeral port: the client may pick that same port as
        // its source port and connect to itself (TCP simultaneous open), which then hangs instead of being refused.
        URI endpoint = URI.create("http://127.0.0.1:1");
        try (var unreachable = new SqsConnector(SqsSettings.local(endpoint, "us-east-1", "000000000000"))) {

            // when / then
            assertThatThrownBy(() -> unreachable.describe("arn:aws:sqs:us-east-1:000000000000:orders"))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("cannot reach SQS at " + endpoint)
                    .hasMessageContaining("orders");
        }
    }

    @Test
    void aQueueInAnotherRegionIsRefusedWithBothRegionsNamed() {
        assertThatThrownBy(() -> connector.describe("arn:aws:sqs:eu-west-1:000000000000:orders"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("us-east-1");
    }

    @Test
    void aNonSqsArnIsRefused() {
        assertThatThrownBy(() -> connector.describe("arn:aws:kinesis:us-east-1:000000000000:stream/s"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("not an SQS queue ARN");
    }

    @Test
    void servesSqsArnsOnly() {
        assertThat(connector.serves("arn:aws:sqs:us-east-1:000000000000:orders"))
                .isTrue();
        assertThat(connector.serves("arn:aws:kinesis:us-east-1:000000000000:stream/orders"))
                .isFalse();
        assertThat(connector.serves(null)).isFalse();
    }

    private static String queueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
