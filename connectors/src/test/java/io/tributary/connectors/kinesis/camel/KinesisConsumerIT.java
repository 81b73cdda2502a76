package io.tributary.connectors.kinesis.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.StreamRecord;
import io.tributary.connectors.kinesis.KinesaliteServer;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The tributary-kinesis Camel consumer against kinesalite: a failed exchange is routed again, never skipped. */
class KinesisConsumerIT {

    @Test
    void aFailedExchangeIsRoutedAgainWithTheSameRecordsThenTheShardMovesOn() throws Exception {
        try (KinesaliteServer kinesalite = KinesaliteServer.start();
                KinesisConnector connector = new KinesisConnector(kinesalite.settings());
                DefaultCamelContext camel = new DefaultCamelContext()) {
            KinesisTestClient kinesis = new KinesisTestClient(connector);
            kinesis.createStream("camel", 1);
            List<Map.Entry<String, String>> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(Map.entry("k", "r" + i));
            }
            kinesis.putAll("camel", records);
            List<List<String>> exchanges = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            camel.addComponent(KinesisComponent.SCHEME, new KinesisComponent(connector));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("tributary-kinesis:camel?maxRecords=10&errorBackoffMillis=50")
                            .process(exchange -> {
                                @SuppressWarnings("unchecked")
                                List<StreamRecord> batch = exchange.getIn().getBody(List.class);
                                exchanges.add(batch.stream()
                                        .map(StreamRecord::sequenceNumber)
                                        .toList());
                                assertThat(exchange.getIn().getHeader(KinesisComponent.SHARD_ID_HEADER))
                                        .isEqualTo("shardId-000000000000");
                                if (attempts.incrementAndGet() == 2) {
                                    throw new IllegalStateException("second exchange fails once");
                                }
                            });
                }
            });

            camel.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> exchanges.size() >= 4);

            assertThat(exchanges.get(0)).hasSize(10);
            assertThat(exchanges.get(2)).isEqualTo(exchanges.get(1));
            List<String> delivered = new ArrayList<>(exchanges.get(0));
            delivered.addAll(exchanges.get(2));
            delivered.addAll(exchanges.get(3));
            assertThat(delivered).hasSize(30).doesNotHaveDuplicates();
        }
    }
}
