package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.app.config.TributaryConfig;
import io.tributary.app.sqs.EmbeddedSqs;
import io.tributary.app.testing.RecordingFunction;
import io.tributary.app.testing.ServiceCommand;
import io.tributary.connectors.testing.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code tributary run} as a real child process: what the launcher script runs. */
class MainProcessIT {
    @TempDir
    Path dir;

    private final Path stdout = Path.of("stdout.txt");
    private final Path stderr = Path.of("stderr.txt");
    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void printsItsEndpointsAndReadyLineServesSqsAndExitsZeroOnSigterm() throws Exception {
        // given a config with only the embedded SQS server, on free ports
        int apiPort = LocalPorts.free();
        int sqsPort = LocalPorts.free();
        Path dataDir = dir.resolve("data");

        // when it starts
        startService(sqsPort, apiPort, dataDir);

        // then it prints its endpoints and a ready line
        assertThat(lines(stdout))
                .anyMatch(line -> line.matches("Tributary ready in \\d+ ms.*"))
                .anyMatch(line -> line.contains("http://127.0.0.1:" + apiPort))
                .anyMatch(line -> line.contains("SQS (embedded, persistent)") && line.contains(":" + sqsPort))
                .anyMatch(line -> line.contains(dataDir.toAbsolutePath().toString()));

        // and its embedded SQS server answers
        try (SqsClient sqs = client(sqsPort)) {
            assertThat(sqs.createQueue(b -> b.queueName("it")).queueUrl())
                    .isEqualTo("http://127.0.0.1:" + sqsPort + "/000000000000/it");
        }

        // when it gets SIGTERM
        process.destroy();

        // then it stops in order within a few seconds, with status 0
        assertThat(process.waitFor(15, TimeUnit.SECONDS))
                .as("exited within 15 s")
                .isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(lines(stdout)).last().isEqualTo("Tributary stopped");
        assertThat(Files.readString(dir.resolve(stderr)))
                .contains("SIGTERM received")
                .contains("Stopping embedded SQS server")
                .doesNotContain("Exception");
    }

    @Test
    void stopsWithinSecondsOnSigtermWhileMappingsLongPollAndAMessageGatheredThenIsDeliveredAtOnceAfterARestart()
            throws Exception {
        // given: three mappings long-polling the embedded server (default 30 s visibility timeout), one of them
        // gathering a batch in a 20 s window
        int sqsPort = LocalPorts.free();
        Path dataDir = dir.resolve("data");
        try (RecordingFunction function = RecordingFunction.start(event -> RecordingFunction.Response.ok())) {
            startService(mappingsConfig(sqsPort, function, 20), LocalPorts.free(), dataDir);
            awaitLog(stderr, "Mapping .* started: polling .*:orders ", 1);
            String url;
            try (SqsClient sqs = client(sqsPort)) {
                url = sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("just before SIGTERM"));
                await().atMost(Duration.ofSeconds(10)).until(() -> notVisible(sqs, url) == 1);
            }

            // when: it gets SIGTERM while the message waits in the batching window
            long begin = System.nanoTime();
            process.destroy();

            // then: it stops within a few seconds (no 20 s long poll is waited for), with status 0
            // (8 s: the process ends in 2–4 s on this machine, ~1 s of it the AWS CRT library ending its native
            // threads at JVM exit; waiting for a 20 s long poll would take far longer.)
            assertThat(process.waitFor(8, TimeUnit.SECONDS))
                    .as("exited within 8 s")
                    .isTrue();
            long stopMillis = (System.nanoTime() - begin) / 1_000_000;
            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(dir.resolve(stderr)))
                    .contains("released 1 messages")
                    .doesNotContain("Exception");
            assertThat(function.bodies()).isEmpty();

            // when: it starts again (without the window)
            Files.move(dir.resolve(stderr), dir.resolve("stderr-first-run.txt"));
            startService(mappingsConfig(sqsPort, function, 0), LocalPorts.free(), dataDir);

            // then: the message is delivered at once, not after its 30 s visibility timeout
            await().atMost(Duration.ofSeconds(10)).until(() -> function.bodies().contains("just before SIGTERM"));
            try (SqsClient sqs = client(sqsPort)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> messages(sqs, url) == 0);
            }
            process.destroy();
            assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
            System.out.println("tributary run stopped " + stopMillis + " ms after SIGTERM");
        }
    }

    private Path mappingsConfig(int sqsPort, RecordingFunction function, int windowSeconds) throws IOException {
        StringBuilder yaml = new StringBuilder("Sqs:\n  Port: " + sqsPort + "\n  Queues:\n");
        List<String> queues = List.of("orders", "idle-1", "idle-2");
        queues.forEach(q -> yaml.append("    - QueueName: ").append(q).append('\n'));
        yaml.append("Functions:\n  - FunctionName: recorder\n    Executor: { Type: http, Url: \"")
                .append(function.url())
                .append("\" }\nEventSourceMappings:\n");
        for (String q : queues) {
            yaml.append("  - FunctionName: recorder\n    EventSourceArn: arn:aws:sqs:us-east-1:000000000000:")
                    .append(q)
                    .append("\n    MaximumBatchingWindowInSeconds: ")
                    .append(q.equals("orders") ? windowSeconds : 0)
                    .append('\n');
        }
        return Files.writeString(dir.resolve("tributary.yaml"), yaml);
    }

    private void awaitLog(Path file, String regex, int count) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        await().atMost(Duration.ofSeconds(30))
                .failFast("tributary exited", () -> !process.isAlive())
                .until(() -> lines(file).stream()
                                .filter(line -> pattern.matcher(line).find())
                                .count()
                        >= count);
    }

    private static int notVisible(SqsClient sqs, String url) {
        return Integer.parseInt(attribute(sqs, url, "ApproximateNumberOfMessagesNotVisible"));
    }

    private static int messages(SqsClient sqs, String url) {
        return Integer.parseInt(attribute(sqs, url, "ApproximateNumberOfMessages")) + notVisible(sqs, url);
    }

    private static String attribute(SqsClient sqs, String url, String name) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(name))
                .attributesAsStrings()
                .get(name);
    }

    @Test
    void messagesAcceptedBeforeAKillMinus9AreThereAfterARestart() throws Exception {
        // given a running service and 50 messages its SQS server accepted
        int sqsPort = LocalPorts.free();
        Path dataDir = dir.resolve("data");
        startService(sqsPort, LocalPorts.free(), dataDir);
        int sent = 50;
        try (SqsClient sqs = client(sqsPort)) {
            String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
            for (int i = 0; i < sent; i++) {
                int n = i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("message " + n));
            }
        }

        // when the process is killed at once, without any shutdown
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);

        // then every one of them is there after a restart
        try (EmbeddedSqs restarted = EmbeddedSqs.start(dataDir.resolve("sqs"), 0, "us-east-1", "000000000000");
                SqsClient sqs = client(restarted.port())) {
            String url = sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl();
            String count = sqs.getQueueAttributes(
                            b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings()
                    .get("ApproximateNumberOfMessages");
            assertThat(count).isEqualTo(Integer.toString(sent));
        }
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefused() throws Exception {
        Path config = Files.writeString(dir.resolve("tributary.yaml"), "Sqs:\n  Port: 0\n");
        Path dataDir = dir.resolve("data");
        try (Tributary first = Tributary.start(
                TributaryConfig.load(config), new ServiceOptions(Optional.of(config), LocalPorts.free(), dataDir))) {
            assertThat(first.endpoints().dataDir()).isEqualTo(dataDir.toAbsolutePath());

            process = new ProcessBuilder(ServiceCommand.of(config, LocalPorts.free(), dataDir))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("tributary: cannot start: The data directory " + dataDir.toAbsolutePath()
                            + " is used by another running Tributary");
        }
    }

    /** Starts {@code tributary run} with only the embedded SQS server and waits for its ready line. */
    private void startService(int sqsPort, int apiPort, Path dataDir) throws IOException {
        startService(
                Files.writeString(dir.resolve("tributary.yaml"), "Sqs:\n  Port: " + sqsPort + "\n"), apiPort, dataDir);
    }

    /** Starts {@code tributary run} with {@code config} and waits for its ready line. */
    private void startService(Path config, int apiPort, Path dataDir) throws IOException {
        Files.deleteIfExists(dir.resolve(stdout));
        process = new ProcessBuilder(ServiceCommand.of(config, apiPort, dataDir))
                .redirectOutput(dir.resolve(stdout).toFile())
                .redirectError(dir.resolve(stderr).toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .failFast("tributary exited", () -> !process.isAlive())
                .until(() -> lines(stdout).stream().anyMatch(line -> line.startsWith("Tributary ready in")));
    }

    private static SqsClient client(int port) {
        return SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    private List<String> lines(Path file) throws IOException {
        return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
    }
}
