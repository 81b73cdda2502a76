package io.tributary.benchmarks.sqs;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and allocation of this JVM's threads, grouped by thread name (digits dropped), between two snapshots.
 * Unlike messages/s on a shared machine, CPU per message does not depend on what else runs.
 */
final class ThreadCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Threads that ended: their totals, reported by themselves ({@link #ending()}). */
    private static final Map<String, long[]> ENDED = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<Long, long[]> start = snapshot();
    private final Map<String, long[]> endedAtStart = copy(ENDED);

    /** Called by a thread the benchmark started, just before it ends, so its time is not lost. */
    static void ending() {
        long id = Thread.currentThread().getId();
        long[] mine = {THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)};
        ENDED.merge(group(Thread.currentThread().getName()), mine, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }

    private static Map<String, long[]> copy(Map<String, long[]> map) {
        Map<String, long[]> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Per group: {cpu nanos, allocated bytes} since this was created (threads that ended meanwhile are lost). */
    Map<String, long[]> since() {
        Map<Long, long[]> now = snapshot();
        Map<String, long[]> groups = new TreeMap<>();
        for (var e : now.entrySet()) {
            long[] before = start.getOrDefault(e.getKey(), new long[] {0, 0});
            String name = group(
                    THREADS.getThreadInfo(e.getKey()) == null
                            ? "?"
                            : THREADS.getThreadInfo(e.getKey()).getThreadName());
            long[] sum = groups.computeIfAbsent(name, k -> new long[2]);
            sum[0] += e.getValue()[0] - before[0];
            sum[1] += e.getValue()[1] - before[1];
        }
        for (var e : copy(ENDED).entrySet()) {
            long[] before = endedAtStart.getOrDefault(e.getKey(), new long[] {0, 0});
            long[] sum = groups.computeIfAbsent(e.getKey() + " (ended)", k -> new long[2]);
            sum[0] += e.getValue()[0] - before[0];
            sum[1] += e.getValue()[1] - before[1];
        }
        groups.values().removeIf(v -> v[0] < 1_000_000);
        return groups;
    }

    /** Whether a thread group belongs to the consumer being measured: not ElasticMQ's, not the benchmark's main. */
    static boolean isClient(String group) {
        return !group.startsWith("elasticmq-") && !group.equals("main") && !group.equals("?");
    }

    static String group(String name) {
        return name.replaceAll("[0-9]+", "#");
    }

    private static Map<Long, long[]> snapshot() {
        Map<Long, long[]> map = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            map.put(id, new long[] {THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)});
        }
        return map;
    }
}
