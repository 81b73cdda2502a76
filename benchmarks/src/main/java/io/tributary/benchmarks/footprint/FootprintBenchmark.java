package io.tributary.benchmarks.footprint;

import io.tributary.benchmarks.Args;
import io.tributary.benchmarks.Report;
import io.tributary.benchmarks.Stats;
import io.tributary.connectors.testing.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Footprint and start-up of {@code tributary run} as its own process, with the embedded SQS server:
 *
 * <ul>
 *   <li>start-up: wall time from spawning the process to its "Tributary ready" line, for one mapping (the demo's
 *       shape) and for {@code --mappings} mappings; median of {@code --startup-runs};
 *   <li>restart: the same with {@code --mappings} mappings on the data directory of the previous start (queues and
 *       mappings stored, nothing to create); median of {@code --startup-runs};
 *   <li>idle footprint with {@code --mappings} mappings on as many empty queues (long polling): live Java threads,
 *       OS threads, heap in use after a full GC, and CPU used over {@code --idle-seconds}.
 * </ul>
 *
 * <p>{@code ./tributary bench footprint [--mappings 1000] [--idle-seconds 60] [--startup-runs 3]}
 */
public final class FootprintBenchmark {
    private static final long TICKS_PER_SECOND = 100; // Linux USER_HZ
    private static final int SETTLE_SECONDS = 10;
    /** On Tributary's own class path (the demo's function), so {@code ./tributary run} can load it. */
    private static final String HANDLER = "io.tributary.app.demo.LogEventHandler";

    private FootprintBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int mappings = args.integer("mappings", 1000);
        int idleSeconds = args.integer("idle-seconds", 60);
        int startupRuns = args.integer("startup-runs", 3);
        Path work = Files.createTempDirectory("tributary-bench-footprint");
        Path log = work.resolve("service.log");
        try {
            // Not counted: the first run after a build records the launcher's class-data sharing archive.
            startOnce(work, log, 1, "warm-up");
            List<Start> startOne = new ArrayList<>();
            List<Start> startMany = new ArrayList<>();
            List<Start> restartMany = new ArrayList<>();
            for (int run = 0; run < startupRuns; run++) {
                startOne.add(startOnce(work, log, 1, "one-" + run));
                System.out.println("start-up with 1 mapping: " + startOne.get(run));
            }
            for (int run = 0; run < startupRuns; run++) {
                startMany.add(startOnce(work, log, mappings, "many-" + run));
                System.out.println("start-up with " + mappings + " mappings: " + startMany.get(run));
                restartMany.add(startOnce(work, log, mappings, "many-" + run));
                System.out.println(
                        "restart with " + mappings + " mappings (same data directory): " + restartMany.get(run));
            }

            try (ServiceProcess service = startService(work, log, mappings, "idle")) {
                service.awaitReady();
                TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
                long ticksBefore = service.cpuTicks();
                long begin = System.nanoTime();
                TimeUnit.SECONDS.sleep(idleSeconds);
                long ticks = service.cpuTicks() - ticksBefore;
                double seconds = (System.nanoTime() - begin) / 1e9;
                double cpuPercent = 100.0 * ticks / TICKS_PER_SECOND / seconds;
                long live = service.liveJavaThreads();
                int os = service.osThreads();
                long heap = service.heapAfterGc();

                Report report = new Report("footprint", "Footprint and start-up");
                report.line("Command: `./tributary bench footprint --mappings " + mappings + " --idle-seconds "
                        + idleSeconds + " --startup-runs " + startupRuns + "`. `tributary run` as its own process"
                        + " (`./tributary run`, JVM defaults, no `-Xmx`; embedded SQS server on H2), one `java` function,"
                        + " mappings with BatchSize 10 on as many empty queues. Start-up is the wall time from"
                        + " spawning the launcher to its \"Tributary ready\" line (the first run after a build,"
                        + " which records the class-data sharing archive, is not counted); a restart starts again on"
                        + " the data directory of the previous start. Load average at the end: "
                        + loadAverage() + ".");
                report.line("");
                report.line("| measure | result | target |");
                report.line("|---|---:|---:|");
                report.line(String.format(
                        "| start-up to \"ready\", 1 mapping (median of %d) | %s | ≤ 3,000 ms |",
                        startupRuns, median(startOne)));
                report.line(String.format(
                        "| start-up to \"ready\", %,d mappings and queues (median of %d) | %s | ≤ 3,000 ms |",
                        mappings, startupRuns, median(startMany)));
                report.line(String.format(
                        "| restart to \"ready\", %,d mappings and queues stored (median of %d) | %s | ≤ 3,000 ms |",
                        mappings, startupRuns, median(restartMany)));
                report.line(String.format("| %,d idle mappings: live Java threads | %d | ≤ 64 |", mappings, live));
                report.line(String.format("| %,d idle mappings: OS threads (Java + GC, JIT…) | %d | |", mappings, os));
                report.line(String.format(
                        "| %,d idle mappings: heap after full GC | %.1f MB | ≤ 256 MB |", mappings, heap / 1048576.0));
                report.line(String.format(
                        "| %,d idle mappings: CPU over %d idle s (after %d s settling) | %.2f %% of one core |"
                                + " ≤ 2 %% |",
                        mappings, idleSeconds, SETTLE_SECONDS, cpuPercent));
                report.finish();
            }
        } finally {
            deleteRecursively(work);
        }
        System.exit(0);
    }

    /** Wall time to "ready" and the CPU time the process had used by then (all its threads: JIT, GC, ElasticMQ…). */
    private record Start(long millis, long cpuMillis) {
        @Override
        public String toString() {
            return millis + " ms (CPU " + cpuMillis + " ms)";
        }
    }

    private static Start startOnce(Path work, Path log, int mappings, String name) throws Exception {
        try (ServiceProcess service = startService(work, log, mappings, name)) {
            long millis = service.awaitReady();
            return new Start(millis, service.cpuTicks() * 1000 / TICKS_PER_SECOND);
        }
    }

    /** {@code tributary run} with {@code mappings} mappings, its data in {@code work/<name>}, on a free API port. */
    private static ServiceProcess startService(Path work, Path log, int mappings, String name) throws IOException {
        Path config = writeConfig(work, mappings);
        return ServiceProcess.start(
                ServiceProcess.command(List.of(
                        "run",
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(LocalPorts.free()),
                        "--data-dir",
                        work.resolve(name).toString())),
                log);
    }

    /** A config with {@code mappings} queues and mappings to one no-op java function, on any free SQS port. */
    static Path writeConfig(Path dir, int mappings) throws IOException {
        StringBuilder yaml = new StringBuilder("Sqs:\n  Port: 0\n  Queues:\n");
        for (int i = 0; i < mappings; i++) {
            yaml.append("    - QueueName: idle-").append(i).append('\n');
        }
        yaml.append("Functions:\n  - FunctionName: noop\n    Executor: { Type: java, Handler: ")
                .append(HANDLER)
                .append(" }\nEventSourceMappings:\n");
        for (int i = 0; i < mappings; i++) {
            yaml.append(
                            "  - { FunctionName: noop, BatchSize: 10, EventSourceArn: arn:aws:sqs:us-east-1:000000000000:idle-")
                    .append(i)
                    .append(" }\n");
        }
        Path file = dir.resolve("footprint-" + mappings + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String median(List<Start> starts) {
        return String.format(
                "%,.0f ms (CPU %,.0f ms)",
                Stats.median(starts.stream().map(s -> (double) s.millis()).toList()),
                Stats.median(starts.stream().map(s -> (double) s.cpuMillis()).toList()));
    }

    /** The machine's 1-, 5- and 15-minute load averages, to judge how much the other processes took. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
