package io.tributary.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function behind Tributary's {@code http} executor: a real HTTP server in the test that records every event it
 * receives and answers as the test's {@link Responder} decides (which may block, to hold invocations in flight).
 */
public final class RecordingFunction implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Decides the answer to one invocation; may block. */
    @FunctionalInterface
    public interface Responder {
        Response respond(JsonNode event) throws Exception;
    }

    public record Response(int status, String body) {
        public static Response ok() {
            return new Response(200, "");
        }

        public static Response ok(String body) {
            return new Response(200, body);
        }

        public static Response error() {
            return new Response(500, "{\"errorType\":\"RuntimeException\",\"errorMessage\":\"failing on purpose\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<JsonNode> events = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Responder responder;

    private RecordingFunction(Responder responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/invoke", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static RecordingFunction start(Responder responder) {
        try {
            return new RecordingFunction(responder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/invoke";
    }

    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** Every event received, in arrival order. */
    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The {@code body} of every record of every event, in arrival order (duplicates included). */
    public List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        for (JsonNode event : events()) {
            event.get("Records").forEach(r -> bodies.add(r.get("body").asText()));
        }
        return bodies;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        Response response;
        try {
            JsonNode event = JSON.readTree(exchange.getRequestBody());
            synchronized (this) {
                events.add(event);
            }
            response = responder.respond(event);
        } catch (Exception e) {
            response = new Response(500, "{\"errorType\":\"TestFailure\",\"errorMessage\":\"" + e + "\"}");
        } finally {
            inFlight.decrementAndGet();
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
