package io.tributary.benchmarks.sqs;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a Camel user would run: a stock {@code aws2-sqs} consumer route with a no-op processor, {@code
 * concurrentConsumers} pollers, 10 messages per poll, polling again at once while messages come
 * ({@code greedy=true&delay=0}). Camel deletes each message with its own DeleteMessage call after the exchange
 * completes. The clock stops when the processor has seen the last message (a few deletes may still be in flight,
 * which favours Camel slightly).
 */
final class StockCamelRoute implements Drainer {
    private final SqsClient client;

    StockCamelRoute(URI endpoint) {
        this.client = SqsClientsForBench.sync(endpoint, 64);
    }

    @Override
    public String name() {
        return "stock Camel aws2-sqs";
    }

    @Override
    public long drain(String queueName, String queueUrl, int messages, int concurrency) throws Exception {
        AtomicLong seen = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("sqs", client);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-sqs://" + queueName + "?amazonSQSClient=#sqs&concurrentConsumers=" + concurrency
                                    + "&maxMessagesPerPoll=10&waitTimeSeconds=1&greedy=true&delay=0"
                                    + "&initialDelay=0&autoCreateQueue=false")
                            .routeId("bench")
                            .autoStartup(false)
                            .process(exchange -> {
                                if (seen.incrementAndGet() == messages) {
                                    finished.set(System.nanoTime());
                                }
                            });
                }
            });
            camel.start();
            long start = System.nanoTime();
            camel.getRouteController().startRoute("bench");
            while (finished.get() == 0) {
                TimeUnit.MILLISECONDS.sleep(2);
            }
            camel.getRouteController().stopRoute("bench", 5, TimeUnit.SECONDS);
            return finished.get() - start;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
