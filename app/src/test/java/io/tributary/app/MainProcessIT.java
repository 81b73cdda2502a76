package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        int apiPort = freePort();
        int sqsPort = freePort();
        Path config = Files.writeString(dir.resolve("tributary.yaml"), "Sqs:\n  Port: " + sqsPort + "\n");
        Path dataDir = dir.resolve("data");

        // when it starts
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        process = new ProcessBuilder(command(
                        "run",
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(apiPort),
                        "--data-dir",
                        dataDir.toString()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();

        // then it prints its endpoints and a ready line
        await().atMost(Duration.ofSeconds(60))
                .failFast("tributary exited", () -> !process.isAlive())
                .until(() -> lines(stdout).stream().anyMatch(line -> line.matches("Tributary ready in \\d+ ms.*")));
        assertThat(lines(stdout))
                .anyMatch(line -> line.contains("http://127.0.0.1:" + apiPort))
                .anyMatch(line -> line.contains("SQS (embedded, persistent)") && line.contains(":" + sqsPort))
                .anyMatch(line -> line.contains(dataDir.toAbsolutePath().toString()));

        // and its embedded SQS server answers
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build()) {
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
        assertThat(Files.readString(stderr))
                .contains("SIGTERM received")
                .contains("Stopping embedded SQS server")
                .doesNotContain("Exception");
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefused() throws Exception {
        Path config = Files.writeString(dir.resolve("tributary.yaml"), "Sqs:\n  Port: 0\n");
        Path dataDir = dir.resolve("data");
        try (Tributary first = Tributary.start(
                io.tributary.app.config.TributaryConfig.load(config),
                new ServiceOptions(java.util.Optional.of(config), freePort(), dataDir))) {
            assertThat(first.endpoints().dataDir()).isEqualTo(dataDir.toAbsolutePath());

            Process second = new ProcessBuilder(command(
                            "run",
                            "--config",
                            config.toString(),
                            "--port",
                            Integer.toString(freePort()),
                            "--data-dir",
                            dataDir.toString()))
                    .redirectErrorStream(true)
                    .start();
            process = second;
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(output)
                    .contains("tributary: cannot start: The data directory " + dataDir.toAbsolutePath()
                            + " is used by another running Tributary");
        }
    }

    @Test
    void messagesAcceptedBeforeAKillMinus9AreThereAfterARestart() throws Exception {
        // given a running service with a queue
        int sqsPort = freePort();
        Path config = Files.writeString(dir.resolve("tributary.yaml"), "Sqs:\n  Port: " + sqsPort + "\n");
        Path dataDir = dir.resolve("data");
        Path stdout = dir.resolve("stdout.txt");
        process = new ProcessBuilder(command(
                        "run",
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(freePort()),
                        "--data-dir",
                        dataDir.toString()))
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .failFast("tributary exited", () -> !process.isAlive())
                .until(() -> lines(stdout).stream().anyMatch(line -> line.startsWith("Tributary ready in")));
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

        // then every message SQS acknowledged is there after a restart
        try (var restarted =
                        io.tributary.app.sqs.EmbeddedSqs.start(dataDir.resolve("sqs"), 0, "us-east-1", "000000000000");
                SqsClient sqs = client(restarted.port())) {
            String url = sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl();
            String count = sqs.getQueueAttributes(
                            b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings()
                    .get("ApproximateNumberOfMessages");
            assertThat(count).isEqualTo(Integer.toString(sent));
        }
    }

    private static SqsClient client(int port) {
        return SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    private static List<String> command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Daws.cborEnabled=false",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
