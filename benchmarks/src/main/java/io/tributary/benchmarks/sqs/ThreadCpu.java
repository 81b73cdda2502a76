package io.tributary.benchmarks.sqs;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time, allocation and voluntary context switches of this JVM's threads, grouped by thread name (digits dropped), between
 * two snapshots. Unlike messages/s on a shared machine, CPU per message depends little on what else runs; context
 * switches (from {@code /proc}, Linux only: a thread that parks or blocks, so every hand-over between threads) do
 * not at all.
 */
final class ThreadCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Threads that ended: their totals, reported by themselves ({@link #ending()}). */
    private static final Map<String, long[]> ENDED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Threads that ended: their context switches, reported by themselves ({@link #ending()}). */
    private static final Map<String, Long> ENDED_SWITCHES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<Long, long[]> start = snapshot();
    private final Map<String, long[]> endedAtStart = copy(ENDED);
    private final Map<String, Long> switchesAtStart = switches();
    private final Map<String, Long> endedSwitchesAtStart = new HashMap<>(ENDED_SWITCHES);

    /** Called by a thread the benchmark started, just before it ends, so its time is not lost. */
    static void ending() {
        long id = Thread.currentThread().getId();
        long[] mine = {THREADS.getThreadCpuTime(id), THREADS.getThreadAllocatedBytes(id)};
        ENDED.merge(group(Thread.currentThread().getName()), mine, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        ENDED_SWITCHES.merge(
                group(Thread.currentThread().getName()) + " (ended)",
                contextSwitches(java.nio.file.Path.of("/proc/thread-self/status")),
                Long::sum);
    }

    /**
     * Context switches per thread group since this was created, by the kernel's thread names ({@code /proc}: at most
     * 15 characters, so {@code tributary-engin#}); empty when {@code /proc} is not there.
     */
    Map<String, Long> switchesSince() {
        Map<String, Long> now = switches();
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> delta.put(k, v - switchesAtStart.getOrDefault(k, 0L)));
        ENDED_SWITCHES.forEach((k, v) -> delta.put(k, v - endedSwitchesAtStart.getOrDefault(k, 0L)));
        delta.values().removeIf(v -> v <= 0);
        return delta;
    }

    private static Map<String, Long> switches() {
        Map<String, Long> groups = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return groups;
        }
        for (java.io.File task : tasks) {
            try {
                String name = group(java.nio.file.Files.readString(task.toPath().resolve("comm"))
                        .strip());
                groups.merge(name, contextSwitches(task.toPath().resolve("status")), Long::sum);
            } catch (java.io.IOException | RuntimeException gone) {
                // the thread ended meanwhile
            }
        }
        return groups;
    }

    private static long contextSwitches(java.nio.file.Path status) {
        try {
            long sum = 0;
            for (String line : java.nio.file.Files.readAllLines(status)) {
                // Voluntary only: a thread that blocks or parks (a hand-over, a wait); preemptions depend on the load.
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    sum += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return sum;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
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
