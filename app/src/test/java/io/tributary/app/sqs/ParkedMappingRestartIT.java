package io.tributary.app.sqs;

import static io.tributary.app.sqs.EmbeddedService.mapping;
import static io.tributary.app.sqs.EmbeddedService.queue;
import static io.tributary.app.testing.RecordingFunction.Response.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.app.testing.RecordingFunction;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Parked mappings across a start and a shutdown of the service on its embedded server. */
class ParkedMappingRestartIT {
    @TempDir
    Path dataDir;

    private final RecordingFunction function = RecordingFunction.start(event -> ok());
    private EmbeddedService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        function.close();
    }

    @Test
    void shuttingDownWithParkedMappingsIsPromptAndLeavesNoWaiter() {
        service = EmbeddedService.start(
                dataDir, function, queue("a", "{}") + queue("b", "{}"), mapping("a") + mapping("b"));
        service.awaitParked("a", Duration.ofSeconds(10));
        service.awaitParked("b", Duration.ofSeconds(10));

        long started = System.nanoTime();
        service.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(service.sqs.waiting("a") + service.sqs.waiting("b")).isZero();
    }

    @Test
    void messagesStoredBeforeAStartAreDeliveredAfterIt() {
        // given a message stored by an earlier run of the embedded server
        try (EmbeddedSqs earlier = EmbeddedSqs.start(dataDir.resolve("sqs"), 0, "us-east-1", EmbeddedService.ACCOUNT);
                SqsClient direct = EmbeddedSqsIT.client(earlier)) {
            String url = direct.createQueue(r -> r.queueName("stored")).queueUrl();
            direct.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
        }

        // when the service starts with a mapping on that queue
        service = EmbeddedService.start(dataDir, function, queue("stored", "{}"), mapping("stored"));

        // then the message is delivered (the queue was not empty: no parking), and the mapping parks afterwards
        await().atMost(Duration.ofSeconds(10)).until(() -> function.bodies().contains("kept"));
        service.awaitParked("stored", Duration.ofSeconds(45));
    }
}
