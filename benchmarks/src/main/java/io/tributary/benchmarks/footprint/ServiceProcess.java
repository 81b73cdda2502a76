package io.tributary.benchmarks.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code tributary run} as a child process, and what the OS and the JVM say about it. */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Tributary ready in (\\d+) ms");

    private final Process process;
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private final long spawned;

    private ServiceProcess(Process process, long spawned) {
        this.process = process;
        this.spawned = spawned;
        Thread reader = new Thread(this::readStdout, "service-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} (the launcher script or a java command line) with {@code args}; its log goes to
     * {@code log}.
     */
    static ServiceProcess start(List<String> command, Path log) throws IOException {
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(process, spawned);
    }

    /**
     * {@code ./tributary <args>} when the benchmark was started by the launcher (system property {@code
     * bench.launcher}), so start-up is measured as users see it (class-data sharing included); otherwise a java
     * command line with the launcher's JVM flags on this JVM's class path.
     */
    static List<String> command(List<String> args) {
        String launcher = System.getProperty("bench.launcher");
        if (launcher == null) {
            return javaCommand(args);
        }
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(args);
        return command;
    }

    /** The java command that runs Tributary's Main from this JVM's class path, with the launcher's JVM flags. */
    static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Daws.cborEnabled=false",
                "-cp",
                System.getProperty("java.class.path"),
                "io.tributary.app.Main"));
        command.addAll(args);
        return command;
    }

    private void readStdout() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("Tributary ready")) {
                    ready.complete(System.nanoTime() - spawned);
                }
            }
            ready.completeExceptionally(new IllegalStateException("tributary exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** Waits for the ready line; returns the wall time from spawning the process to it, in milliseconds. */
    long awaitReady() throws Exception {
        return TimeUnit.NANOSECONDS.toMillis(ready.get(5, TimeUnit.MINUTES));
    }

    long pid() {
        return process.pid();
    }

    /** utime + stime of the process (all its threads), in clock ticks. */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Threads the OS sees (Java threads plus the JVM's own: GC, JIT compiler…). */
    int osThreads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        return -1;
    }

    /** Live Java threads, as ThreadMXBean.getThreadCount reports them (jcmd PerfCounter.print java.threads.live). */
    long liveJavaThreads() throws Exception {
        return Long.parseLong(perfCounter("java.threads.live"));
    }

    /** Heap in use after a full GC, in bytes (jcmd GC.run, then GC.heap_info). */
    long heapAfterGc() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("cannot read GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String perfCounter(String name) throws Exception {
        for (String line : jcmd("PerfCounter.print").split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("no perf counter " + name);
    }

    private String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid()),
                        command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(1, TimeUnit.MINUTES);
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
