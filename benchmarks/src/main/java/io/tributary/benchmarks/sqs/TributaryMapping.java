package io.tributary.benchmarks.sqs;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Tributary: a mapping (BatchSize 10, window 0, MaximumConcurrency = pollers) to a no-op {@code java} function. */
final class TributaryMapping implements Drainer {
    private final TributaryEngine engine;
    private final String name;

    TributaryMapping(URI endpoint, Class<?> handler, String name) {
        this.engine = new TributaryEngine(endpoint, handler);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long drain(String queueName, String queueUrl, int messages, int concurrency) throws InterruptedException {
        long start = System.nanoTime();
        String uuid = engine.startMapping(queueName, 10, concurrency);
        long end;
        while (true) {
            long deleted = engine.deleted(uuid);
            long now = System.nanoTime();
            if (deleted >= messages) {
                end = now;
                break;
            }
            // Checks rarely while far from done and every millisecond near the end: a benchmark thread waking up
            // 500 times a second cost a few percent of the CPU the mapping itself used, which the raw loop does not
            // pay. Sleeping a quarter of the time left (at most 20 ms) still sees the end within a few ms.
            double perNano = deleted / (double) Math.max(1, now - start);
            long millisLeft = deleted == 0 ? 1 : (long) ((messages - deleted) / perNano / 1e6);
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(20, millisLeft / 4)));
        }
        engine.stopMapping(uuid);
        return end - start;
    }

    @Override
    public void close() {
        engine.close();
    }
}
