package io.tributary.benchmarks.sqs;

import io.tributary.benchmarks.Args;
import io.tributary.benchmarks.Report;
import io.tributary.benchmarks.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * SQS throughput: pre-loads {@code --messages} small messages into a fresh queue and drains it with each consumer in
 * turn, at each poller count, {@code --runs} times (interleaved, so a noisy neighbour hits every consumer alike);
 * reports the median messages/s and Tributary's ratios to the raw SDK loop and to stock Camel.
 *
 * <p>{@code ./tributary bench sqs [--messages 50000] [--runs 3] [--pollers 1,4] [--servers memory,embedded]}
 */
public final class SqsThroughputBenchmark {
    private static final String ALL = "tributary,raw,camel,typed";

    private SqsThroughputBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int messages = args.integer("messages", 50_000);
        int runs = args.integer("runs", 3);
        List<Integer> pollerCounts = args.integers("pollers", "1,4");
        List<String> servers = args.strings("servers", "memory,embedded");
        List<String> consumers = args.strings("consumers", ALL);

        Report report = new Report("sqs", "SQS throughput");
        report.line("Command: `./tributary bench sqs --messages " + messages + " --runs " + runs + " --pollers "
                + join(pollerCounts) + " --servers " + String.join(",", servers) + "`. " + messages
                + " messages (bodies `m-<n>`, ~7 bytes) pre-loaded, then drained; median of " + runs
                + " runs (each run drains a fresh queue with every consumer in turn).");
        report.line("");
        for (String kind : servers) {
            try (SqsServer server = kind.equals("memory") ? SqsServer.inMemory() : SqsServer.persistentEmbedded()) {
                measure(server, messages, runs, pollerCounts, consumers, report);
            }
        }
        report.finish();
        System.exit(0);
    }

    private static void measure(
            SqsServer server, int messages, int runs, List<Integer> pollerCounts, List<String> consumers, Report report)
            throws Exception {
        System.out.println("== " + server.description() + " at " + server.endpoint());
        List<Drainer> drainers = new ArrayList<>();
        for (String consumer : consumers) {
            drainers.add(
                    switch (consumer) {
                        case "tributary" -> new TributaryMapping(
                                server.endpoint(), NoOpStreamHandler.class, "Tributary (a)");
                        case "raw" -> new RawSdkLoop(server.endpoint());
                        case "camel" -> new StockCamelRoute(server.endpoint());
                        case "typed" -> new TributaryMapping(
                                server.endpoint(), NoOpSqsEventHandler.class, "Tributary, SQSEvent handler");
                        default -> throw new IllegalArgumentException("unknown consumer " + consumer);
                    });
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        try (SqsAsyncClient admin = SqsClientsForBench.async(server.endpoint())) {
            int queue = 0;
            // Warm-up: JIT-compile every consumer's path at every poller count before measuring.
            for (Drainer drainer : drainers) {
                for (int pollers : pollerCounts) {
                    once(admin, drainer, "warmup-" + queue++, Math.min(messages, 20_000), pollers);
                }
            }
            for (int run = 1; run <= runs; run++) {
                loads.add(loadAverage());
                for (int pollers : pollerCounts) {
                    // Every other run goes through the consumers in reverse order, so a load that rises or falls
                    // during a run does not always hit the same consumer first.
                    List<Drainer> order = new ArrayList<>(drainers);
                    if (run % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (Drainer drainer : order) {
                        Drain drain = once(admin, drainer, "bench-" + queue++, messages, pollers);
                        results.computeIfAbsent(key(drainer, pollers), k -> new ArrayList<>())
                                .add(drain.rate());
                        cpu.computeIfAbsent(key(drainer, pollers), k -> new ArrayList<>())
                                .add(drain.clientMicrosPerMessage());
                        System.out.printf(
                                "run %d, %d poller(s), %-28s %,10.0f msg/s, client CPU %5.1f us/msg%n",
                                run, pollers, drainer.name(), drain.rate(), drain.clientMicrosPerMessage());
                    }
                }
            }
        } finally {
            drainers.forEach(Drainer::close);
        }
        report.line("#### " + server.description());
        report.line("");
        report.line("Load average (1 min) at the start of each run: " + String.join(", ", loads) + ".");
        report.line("");
        if (!consumers.equals(List.of(ALL.split(",")))) {
            report.line("All runs (msg/s): " + results);
            report.line("");
            report.line("Client CPU (us/msg): " + cpu);
            return;
        }
        report.line("");
        report.line("| pollers | (a) Tributary msg/s | (b) raw SDK loop msg/s | (c) stock Camel msg/s | (a)/(b) |"
                + " (a)/(b) per run | (a)/(c) | Tributary with a `RequestHandler<SQSEvent, Void>` msg/s |");
        report.line("|---:|---:|---:|---:|---:|---|---:|---:|");
        for (int pollers : pollerCounts) {
            List<Double> a = results.get(key(drainers.get(0), pollers));
            List<Double> b = results.get(key(drainers.get(1), pollers));
            List<Double> perRun = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                perRun.add(a.get(i) / b.get(i));
            }
            double c = Stats.median(results.get(key(drainers.get(2), pollers)));
            double typed = Stats.median(results.get(key(drainers.get(3), pollers)));
            report.line(String.format(
                    "| %d | %,.0f | %,.0f | %,.0f | %.2f | %s (median %.2f) | %.2f | %,.0f |",
                    pollers,
                    Stats.median(a),
                    Stats.median(b),
                    c,
                    Stats.median(a) / Stats.median(b),
                    String.join(
                            ", ",
                            perRun.stream().map(r -> String.format("%.2f", r)).toList()),
                    Stats.median(perRun),
                    Stats.median(a) / c,
                    typed));
        }
        report.line("");
        report.line("Client CPU per message (median, us; every thread but ElasticMQ's and the benchmark's own):");
        report.line("");
        report.line("| pollers | "
                + String.join(" | ", drainers.stream().map(Drainer::name).toList()) + " |");
        report.line("|---:|" + "---:|".repeat(drainers.size()));
        for (int pollers : pollerCounts) {
            StringBuilder row = new StringBuilder("| " + pollers + " |");
            for (Drainer drainer : drainers) {
                double micros = Stats.median(cpu.get(key(drainer, pollers)));
                // Camel's consumer threads end with its route, before they can be measured.
                row.append(micros < 1 ? " n/a |" : String.format(" %.0f |", micros));
            }
            report.line(row.toString());
        }
        report.line("");
        report.line("All runs (msg/s): " + results);
        report.line("");
    }

    /** One drain: messages/s, and the CPU the consumer's threads used per message. */
    private record Drain(double rate, double clientMicrosPerMessage) {}

    private static Drain once(SqsAsyncClient admin, Drainer drainer, String queueName, int messages, int pollers)
            throws Exception {
        String url = SqsClientsForBench.createQueue(admin, queueName);
        SqsClientsForBench.load(admin, url, messages);
        System.gc();
        ThreadCpu cpu = new ThreadCpu();
        long nanos = drainer.drain(queueName, url, messages, pollers);
        Map<String, long[]> used = cpu.since();
        if (Boolean.getBoolean("bench.cpu")) {
            used.forEach((group, v) -> System.out.printf(
                    "   %-40s %7.1f us/msg %8.0f B/msg%n", group, v[0] / 1e3 / messages, (double) v[1] / messages));
            cpu.switchesSince().forEach((group, n) -> {
                if (!group.startsWith("elasticmq") && n >= messages / 100) {
                    System.out.printf("   %-40s %7.2f voluntary context switches/msg%n", group, n / (double) messages);
                }
            });
        }
        long clientNanos = 0;
        for (var e : used.entrySet()) {
            if (ThreadCpu.isClient(e.getKey())) {
                clientNanos += e.getValue()[0];
            }
        }
        // Queues are left in place (empty): deleting one while a stopped consumer's long poll still waits on the
        // server makes ElasticMQ log an error for that poll.
        return new Drain(messages / (nanos / 1e9), clientNanos / 1e3 / messages);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String key(Drainer drainer, int pollers) {
        return drainer.name() + " / " + pollers;
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
