package io.tributary.benchmarks.sqs;

import io.tributary.benchmarks.Args;
import io.tributary.benchmarks.Report;
import io.tributary.benchmarks.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Latency at a steady rate: a sender sends one message every 1/rate s (SendMessage, synchronous client) and notes when
 * each SendMessage returned; the consumer notes when the handler was entered with it. Tributary (a mapping with
 * BatchSize 10, window 0, to a {@code java} function) and the raw SDK loop (one thread, ReceiveMessage with 20 s long
 * polling, then DeleteMessageBatch) take turns on fresh queues of the same server.
 *
 * <p>{@code ./tributary bench latency [--rate 200] [--seconds 20] [--runs 2] [--server memory|embedded]}
 */
public final class LatencyBenchmark {
    private static final int WARMUP_SECONDS = 3;
    private static volatile AtomicLongArray enteredAt = new AtomicLongArray(0);

    private LatencyBenchmark() {}

    static void entered(int sequence, long nanos) {
        AtomicLongArray array = enteredAt;
        if (sequence < array.length()) {
            array.compareAndSet(sequence, 0, nanos);
        }
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        int rate = args.integer("rate", 200);
        int seconds = args.integer("seconds", 20);
        int runs = args.integer("runs", 2);
        String serverKind = args.string("server", "memory");
        Map<String, List<Long>> micros = new LinkedHashMap<>();
        String description;
        try (SqsServer server = serverKind.equals("memory") ? SqsServer.inMemory() : SqsServer.persistentEmbedded();
                SqsAsyncClient admin = SqsClientsForBench.async(server.endpoint());
                SqsClient sender = SqsClientsForBench.sync(server.endpoint(), 8);
                TributaryEngine tributary = new TributaryEngine(server.endpoint(), LatencyHandler.class)) {
            description = server.description();
            int queue = 0;
            // Run 0 of each consumer warms the JIT up and is not counted.
            for (int run = 0; run <= runs; run++) {
                for (String consumer : List.of("Tributary", "raw SDK loop")) {
                    String name = "latency-" + queue++;
                    String url = SqsClientsForBench.createQueue(admin, name);
                    int total = rate * (seconds + WARMUP_SECONDS);
                    enteredAt = new AtomicLongArray(total);
                    AtomicBoolean stop = new AtomicBoolean();
                    String uuid = null;
                    Thread raw = null;
                    if (consumer.equals("Tributary")) {
                        uuid = tributary.startMapping(name, 10, 2);
                    } else {
                        raw = rawLoop(sender, url, stop);
                    }
                    long[] sentAt = send(sender, url, rate, total);
                    waitForAll(total);
                    if (uuid != null) {
                        tributary.stopMapping(uuid);
                    } else {
                        stop.set(true);
                        raw.join();
                    }
                    long[] these = sentAtToLatencies(sentAt, rate * WARMUP_SECONDS, total);
                    if (run > 0) {
                        List<Long> samples = micros.computeIfAbsent(consumer, k -> new ArrayList<>());
                        for (long value : these) {
                            samples.add(value);
                        }
                    }
                    System.out.printf(
                            "run %d %-14s p50 %,d µs p99 %,d µs max %,d µs%n",
                            run,
                            consumer,
                            Stats.percentile(these, 50),
                            Stats.percentile(these, 99),
                            Stats.percentile(these, 100));
                }
            }
        }
        Report report = new Report("latency", "SQS latency at a steady rate");
        report.line("Command: `./tributary bench latency --rate " + rate + " --seconds " + seconds + " --runs " + runs
                + " --server " + serverKind + "` on " + description + ". Time from SendMessage returning to the"
                + " handler being entered, " + rate + " messages/s, the first " + WARMUP_SECONDS
                + " s of each run left out; after one uncounted warm-up run, " + runs + " runs of " + seconds
                + " s per consumer, pooled.");
        report.line("");
        report.line("| consumer | p50 ms | p99 ms | max ms |");
        report.line("|---|---:|---:|---:|");
        Map<String, long[]> pooled = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> entry : micros.entrySet()) {
            long[] values = entry.getValue().stream().mapToLong(Long::longValue).toArray();
            pooled.put(entry.getKey(), values);
            report.line(String.format(
                    "| %s | %.2f | %.2f | %.2f |",
                    entry.getKey(),
                    Stats.percentile(values, 50) / 1000.0,
                    Stats.percentile(values, 99) / 1000.0,
                    Stats.percentile(values, 100) / 1000.0));
        }
        long[] t = pooled.get("Tributary");
        long[] r = pooled.get("raw SDK loop");
        report.line(String.format(
                "| added by Tributary | %.2f | %.2f | |",
                (Stats.percentile(t, 50) - Stats.percentile(r, 50)) / 1000.0,
                (Stats.percentile(t, 99) - Stats.percentile(r, 99)) / 1000.0));
        report.finish();
        System.exit(0);
    }

    private static long[] sentAtToLatencies(long[] sentAt, int from, int to) {
        long[] values = new long[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = (enteredAt.get(i) - sentAt[i]) / 1_000;
        }
        return values;
    }

    /** Sends {@code total} messages at {@code rate}/s; returns when each SendMessage returned (nanoTime). */
    private static long[] send(SqsClient sender, String url, int rate, int total) throws InterruptedException {
        long[] sentAt = new long[total];
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(
                () -> {
                    int sequence = next.getAndIncrement();
                    if (sequence >= total) {
                        timer.shutdown();
                        return;
                    }
                    sender.sendMessage(r -> r.queueUrl(url).messageBody(Integer.toString(sequence)));
                    sentAt[sequence] = System.nanoTime();
                },
                0,
                1_000_000_000L / rate,
                TimeUnit.NANOSECONDS);
        timer.awaitTermination(1, TimeUnit.HOURS);
        return sentAt;
    }

    private static void waitForAll(int total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < total; i++) {
            while (enteredAt.get(i) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("message " + i + " never reached the consumer");
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    /** The raw loop: one thread, long-polling receive, note the time, delete. */
    private static Thread rawLoop(SqsClient client, String url, AtomicBoolean stop) {
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder()
                .queueUrl(url)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build();
        Thread thread = new Thread(
                () -> {
                    while (!stop.get()) {
                        List<Message> messages = client.receiveMessage(receive).messages();
                        long now = System.nanoTime();
                        if (messages.isEmpty()) {
                            continue;
                        }
                        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < messages.size(); i++) {
                            entered(Integer.parseInt(messages.get(i).body()), now);
                            entries.add(DeleteMessageBatchRequestEntry.builder()
                                    .id(Integer.toString(i))
                                    .receiptHandle(messages.get(i).receiptHandle())
                                    .build());
                        }
                        client.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
                    }
                },
                "raw-latency-poller");
        thread.start();
        return thread;
    }
}
