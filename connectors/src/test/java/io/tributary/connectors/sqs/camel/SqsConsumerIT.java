package io.tributary.connectors.sqs.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.SourceRecord;
import io.tributary.connectors.sqs.ElasticMqServer;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code tributary-sqs} Camel consumer in a tiny route against an in-process ElasticMQ. */
class SqsConsumerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElasticMqServer server;
    private static SqsTestClient sqs;
    private static SqsConnector connector;
    private CamelContext camel;
    private final List<List<SourceRecord>> batches = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() {
        server = ElasticMqServer.start();
        sqs = new SqsTestClient(server);
        connector = new SqsConnector(server.settings());
    }

    @AfterAll
    static void stopServer() {
        connector.close();
        sqs.close();
        server.stop();
    }

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void theWholeBatchArrivesAsOneExchangeAndIsDeletedAfterSuccess() throws Exception {
        // given
        String name = queueName("ok");
        String url = sqs.createQueue(name);
        for (int i = 0; i < 5; i++) {
            sqs.send(url, "message " + i);
        }

        // when
        startRoute("tributary-sqs:" + name + "?waitTimeSeconds=1", exchange -> {});

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
        assertThat(batches.get(0)).hasSize(5);
        assertThat(batches.get(0))
                .extracting(
                        r -> JSON.readTree(r.json().toByteArray()).get("body").asText())
                .containsExactlyInAnyOrder("message 0", "message 1", "message 2", "message 3", "message 4");
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesInQueue(url) == 0);
    }

    @Test
    void messagesAreDeletedOnlyOnceTheExchangeHasCompleted() throws Exception {
        // given: a route that waits for the test before it completes
        String name = queueName("slow");
        String url = sqs.createQueue(name);
        sqs.send(url, "wait for me");
        CountDownLatch release = new CountDownLatch(1);
        startRoute("tributary-sqs:" + name + "?waitTimeSeconds=1", exchange -> release.await(10, TimeUnit.SECONDS));

        // when: the exchange is still being processed
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);

        // then: the message is still in the queue (in flight) ...
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
        // ... and is deleted once the exchange completes
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesInQueue(url) == 0);
    }

    @Test
    void nothingIsDeletedWhenTheRouteFailsSoTheMessageComesBack() throws Exception {
        // given: a 1 s visibility timeout and a route that always fails
        String name = queueName("failing");
        String url = sqs.createQueue(name, Map.of("VisibilityTimeout", "1"));
        sqs.send(url, "poison");

        // when
        startRoute("tributary-sqs:" + name + "?waitTimeSeconds=1", exchange -> {
            throw new IllegalStateException("function failed");
        });

        // then: the same message is delivered again after its visibility timeout, with a higher receive count
        await().atMost(Duration.ofSeconds(15)).until(() -> batches.size() >= 2);
        SourceRecord first = batches.get(0).get(0);
        SourceRecord second = batches.get(1).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(JSON.readTree(second.json().toByteArray())
                        .at("/attributes/ApproximateReceiveCount")
                        .asText())
                .isEqualTo("2");
        assertThat(sqs.messagesInQueue(url)).isEqualTo(1);
    }

    @Test
    void aComponentFoundByItsSchemeCreatesItsOwnConnectorFromProperties() throws Exception {
        // given
        String name = queueName("discovered");
        String url = sqs.createQueue(name);
        sqs.send(url, "hello");
        camel = new DefaultCamelContext();
        SqsComponent component = camel.getComponent(SqsComponent.SCHEME, SqsComponent.class);
        component.setEndpoint(server.endpoint().toString());
        component.setAccessKeyId("test");
        component.setSecretAccessKey("test");

        // when
        addRoute("tributary-sqs:" + name + "?waitTimeSeconds=1&maxMessagesPerPoll=1", exchange -> {});
        camel.start();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messagesInQueue(url) == 0);
        assertThat(batches).hasSize(1);
    }

    private void startRoute(String uri, Processor work) throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent(SqsComponent.SCHEME, new SqsComponent(connector));
        addRoute(uri, work);
        camel.start();
    }

    @SuppressWarnings("unchecked")
    private void addRoute(String uri, Processor work) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(exchange -> {
                    batches.add(List.copyOf(exchange.getIn().getBody(List.class)));
                    work.process(exchange);
                });
            }
        });
    }

    private static String queueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
