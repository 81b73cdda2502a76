package io.tributary.app.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.app.testing.ServiceCommand;
import io.tributary.connectors.testing.LocalPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary run} as a child process with a Kinesis mapping, killed with SIGKILL while records stream in, then
 * started again on the same data directory: every record reaches the function at least once, in order per partition
 * key, none skipped, and the restart resumes from the checkpoints (not from the stream's start).
 */
class KinesisCrashIT extends KinesisItSupport {
    private static final int KEYS = 20;
    private static final int TOTAL = 1_200;
    private static final int BATCH = 20;

    @TempDir
    Path dir;

    private Process process;

    @BeforeAll
    static void startServers() {
        startKinesalite();
    }

    @AfterAll
    static void stopServers() {
        stopKinesalite();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void killMinus9MidStreamThenRestartDeliversEveryRecordInOrderPerKeyNoneSkipped() throws Exception {
        // given a running service reading a 2-shard stream from its start
        String stream = newStream(2);
        Path dataDir = dir.resolve("data");
        Path firstRun = dir.resolve("first-run.log");
        Path secondRun = dir.resolve("second-run.log");
        Path config = Files.writeString(dir.resolve("tributary.yaml"), config(stream));
        process = start(config, dataDir, firstRun);

        // when records stream in and the process is killed (SIGKILL) once the function has seen some of them
        int written = 0;
        int seenAtKill = -1;
        while (written < TOTAL) {
            kinesis.putAll(stream, batch(written));
            written += BATCH;
            if (seenAtKill < 0 && lines(firstRun).size() >= 200) {
                seenAtKill = kill();
            }
        }
        if (seenAtKill < 0) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(firstRun).size() >= 200);
            seenAtKill = kill();
        }
        // and it is started again on the same data directory
        process = start(config, dataDir, secondRun);

        // then every record arrives
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> distinct(firstRun, secondRun) == TOTAL);
        assertThat(seenAtKill)
                .as("records the function had seen when the process was killed")
                .isLessThan(TOTAL);

        Map<String, List<Integer>> first = perKey(lines(firstRun));
        Map<String, List<Integer>> second = perKey(lines(secondRun));
        int resumedAfterStart = 0;
        for (int k = 0; k < KEYS; k++) {
            String key = "key-" + k;
            List<Integer> before = first.getOrDefault(key, List.of());
            List<Integer> after = second.getOrDefault(key, List.of());
            // each run delivers a key's records in order without gaps: the first from the stream's start ...
            assertContiguous(before, 0);
            // ... the second from at most one past what the first delivered (redelivery allowed, skipping not)
            int expectedMax = before.isEmpty() ? 0 : before.get(before.size() - 1) + 1;
            if (!after.isEmpty()) {
                assertThat(after.get(0))
                        .as("first record of %s after the restart", key)
                        .isLessThanOrEqualTo(expectedMax);
                assertContiguous(after, after.get(0));
                if (after.get(0) > 0) {
                    resumedAfterStart++;
                }
            }
            int last = after.isEmpty() ? before.get(before.size() - 1) : after.get(after.size() - 1);
            assertThat(last).as("last record of %s", key).isEqualTo(TOTAL / KEYS - 1);
        }
        assertThat(resumedAfterStart)
                .as("keys resumed from a checkpoint rather than the stream's start")
                .isPositive();
    }

    private int kill() throws Exception {
        int seen = lines(dir.resolve("first-run.log")).size();
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        return seen;
    }

    private static void assertContiguous(List<Integer> indexes, int from) {
        for (int i = 0; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).as("position %d of %s", i, indexes).isEqualTo(from + i);
        }
    }

    /** Records {@code written .. written + BATCH - 1}, round-robin over the keys; data {@code key-K|<n-th of key>}. */
    private static List<Map.Entry<String, String>> batch(int written) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = written; i < written + BATCH; i++) {
            String key = "key-" + (i % KEYS);
            records.add(Map.entry(key, key + "|" + (i / KEYS)));
        }
        return records;
    }

    private static Map<String, List<Integer>> perKey(List<String> lines) {
        Map<String, List<Integer>> perKey = new LinkedHashMap<>();
        for (String line : lines) {
            int bar = line.indexOf('|');
            perKey.computeIfAbsent(line.substring(0, bar), k -> new ArrayList<>())
                    .add(Integer.parseInt(line.substring(bar + 1)));
        }
        return perKey;
    }

    private static int distinct(Path... logs) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path log : logs) {
            seen.addAll(lines(log));
        }
        return seen.size();
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        // A killed process may leave a last line half-written: count complete lines only.
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private String config(String stream) {
        return """
                Sqs:
                  Port: 0
                Kinesis:
                  Endpoint: %s
                  AccessKeyId: test
                  SecretAccessKey: test
                Functions:
                  - FunctionName: crash-fn
                    Timeout: 30
                    Executor: { Type: java, Handler: "%s" }
                EventSourceMappings:
                  - FunctionName: crash-fn
                    EventSourceArn: %s
                    StartingPosition: TRIM_HORIZON
                    BatchSize: 10
                """
                .formatted(
                        kinesalite.endpoint(), AppendingKinesisHandler.class.getName(), kinesalite.streamArn(stream));
    }

    private Process start(Path config, Path dataDir, Path deliveryLog) throws IOException {
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        List<String> command = new ArrayList<>(ServiceCommand.of(config, LocalPorts.free(), dataDir));
        command.add(1, "-Dkinesis.delivery.log=" + deliveryLog);
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile())
                .start();
        await().atMost(Duration.ofSeconds(60))
                .failFast("tributary exited: see " + stdout, () -> !started.isAlive())
                .until(() -> Files.readString(stdout).contains("Tributary ready in"));
        return started;
    }
}
