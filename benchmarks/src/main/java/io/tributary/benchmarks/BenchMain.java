package io.tributary.benchmarks;

import io.tributary.benchmarks.footprint.FootprintBenchmark;
import io.tributary.benchmarks.sqs.LatencyBenchmark;
import io.tributary.benchmarks.sqs.SqsThroughputBenchmark;
import java.util.Arrays;

/** {@code ./tributary bench sqs|latency|footprint|jmh [options]}: see docs/benchmarks.md. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "sqs" -> SqsThroughputBenchmark.main(rest);
            case "latency" -> LatencyBenchmark.main(rest);
            case "footprint" -> FootprintBenchmark.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println(
                        "usage: tributary bench sqs|latency|footprint|jmh [options]   (see docs/benchmarks.md)");
                System.exit(2);
            }
        }
    }
}
