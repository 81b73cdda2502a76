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
            if (engine.deleted(uuid) >= messages) {
                end = System.nanoTime();
                break;
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        engine.stopMapping(uuid);
        return end - start;
    }

    @Override
    public void close() {
        engine.close();
    }
}
