package io.tributary.app.sqs;

import static io.tributary.app.testing.RecordingFunction.Response.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.app.testing.RecordingFunction;
import io.tributary.app.testing.ServiceCommand;
import io.tributary.connectors.sqs.ElasticMqServer;
import io.tributary.connectors.sqs.SqsTestClient;
import io.tributary.connectors.testing.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Nothing lost under {@code kill -9}: the service runs as a child process polling a FIFO queue, is killed with SIGKILL
 * in the middle of the stream and started again on the same data directory. Every message must then be delivered at
 * least once, first delivered in order within its message group, and the queue must drain.
 */
class SqsKillIT {
    private static final int GROUPS = 3;
    private static final int PER_GROUP = 100;

    @TempDir
    Path dir;

    private final ElasticMqServer sqs = ElasticMqServer.start();
    private final SqsTestClient client = new SqsTestClient(sqs);
    /** Lets the test decide how far the first run gets: each invocation takes a permit. */
    private final Semaphore permits = new Semaphore(0);

    private final RecordingFunction function = RecordingFunction.start(event -> {
        permits.acquire();
        return ok();
    });
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
        function.close();
        client.close();
        sqs.close();
    }

    @Test
    void every_message_is_delivered_in_group_order_after_a_kill_minus_9_and_a_restart() throws Exception {
        Path config = Files.writeString(
                dir.resolve("tributary.yaml"),
                "Sqs:\n"
                        + "  Endpoint: " + sqs.endpoint() + "\n"
                        + "  AccessKeyId: x\n"
                        + "  SecretAccessKey: x\n"
                        + "  Queues:\n"
                        + "    - QueueName: stream.fifo\n"
                        + "      Attributes: { FifoQueue: \"true\", ContentBasedDeduplication: \"true\","
                        + " VisibilityTimeout: \"2\" }\n"
                        + "Functions:\n"
                        + "  - FunctionName: recorder\n"
                        + "    Timeout: 1\n"
                        + "    Executor: { Type: http, Url: \"" + function.url() + "\" }\n"
                        + "EventSourceMappings:\n"
                        + "  - FunctionName: recorder\n"
                        + "    EventSourceArn: " + sqs.queueArn("stream.fifo") + "\n"
                        + "    BatchSize: 10\n");
        Path dataDir = dir.resolve("data");
        service = startService(config, dataDir, "first");
        String url =
                client.sdk().getQueueUrl(r -> r.queueName("stream.fifo")).join().queueUrl();
        sendAll(url);

        // kill -9 in the middle of the stream: 6 batches done, others in flight (waiting for a permit)
        permits.release(6);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> function.events().size() >= 6 + GROUPS && function.inFlight() == GROUPS);
        service.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        permits.release(10_000);
        int seenBeforeKill = new LinkedHashSet<>(function.bodies()).size();
        assertThat(seenBeforeKill).as("killed mid-stream").isLessThan(GROUPS * PER_GROUP);

        service = startService(config, dataDir, "second");

        await().atMost(Duration.ofSeconds(120))
                .until(() -> new LinkedHashSet<>(function.bodies()).size() == GROUPS * PER_GROUP
                        && client.messagesInQueue(url) == 0);
        Set<String> firstDeliveries = new LinkedHashSet<>(function.bodies());
        for (int g = 0; g < GROUPS; g++) {
            String group = "g" + g + "-";
            List<String> ofGroup =
                    firstDeliveries.stream().filter(b -> b.startsWith(group)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < PER_GROUP; i++) {
                expected.add(group + i);
            }
            assertThat(ofGroup).as("group %s first delivered in order", g).containsExactlyElementsOf(expected);
        }
    }

    private void sendAll(String url) {
        for (int i = 0; i < PER_GROUP; i += 10) {
            for (int g = 0; g < GROUPS; g++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int k = i; k < i + 10; k++) {
                    entries.add(SendMessageBatchRequestEntry.builder()
                            .id("e" + k)
                            .messageBody("g" + g + "-" + k)
                            .messageGroupId("g" + g)
                            .build());
                }
                client.sdk()
                        .sendMessageBatch(r -> r.queueUrl(url).entries(entries))
                        .join();
            }
        }
    }

    private Process startService(Path config, Path dataDir, String run) throws IOException {
        Path log = dir.resolve(run + ".log");
        Process process = new ProcessBuilder(ServiceCommand.of(config, LocalPorts.free(), dataDir))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .failFast("tributary exited: see " + log, () -> !process.isAlive())
                .until(() -> Files.readString(log).contains("Tributary ready in"));
        return process;
    }
}
