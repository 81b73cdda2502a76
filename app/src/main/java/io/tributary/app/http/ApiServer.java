package io.tributary.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda REST API for event source mappings ({@code /2015-03-31/event-source-mappings}), so that the AWS CLI,
 * SDKs, Terraform and CDK can drive Tributary with an endpoint override. Errors carry AWS's type in the
 * {@code X-Amzn-ErrorType} header and a {@code {"Type":"User","message":…}} body (with {@code Message} for the types
 * whose model spells it so). An unexpected failure is a 500 {@code ServiceException} with a generic message; its stack
 * trace goes only to the log.
 */
public final class ApiServer {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String BASE = "/2015-03-31/event-source-mappings";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Error types whose message member is {@code Message} in the Lambda model; the others use {@code message}. */
    private static final Set<String> CAPITAL_MESSAGE =
            Set.of("ResourceNotFoundException", "ResourceInUseException", "ServiceException");

    private final InetSocketAddress bind;
    private final MappingService mappings;
    private final Supplier<Map<String, Map<String, Long>>> metrics;
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private HttpServer server;
    private ExecutorService executor;

    public ApiServer(InetSocketAddress bind, MappingService mappings) {
        this(bind, mappings, Map::of);
    }

    /**
     * @param metrics each mapping's counters by UUID, with Lambda's metric names, served at {@code GET /metrics}
     */
    public ApiServer(
            InetSocketAddress bind, MappingService mappings, Supplier<Map<String, Map<String, Long>>> metrics) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Binds and starts serving. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(bind, 0);
        } catch (IOException e) {
            throw new io.tributary.api.TributaryException("Cannot listen for the Lambda API on " + bind + ": " + e, e);
        }
        executor = Executors.newFixedThreadPool(4, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext(MetricsPage.PATH, exchange -> MetricsPage.serve(exchange, metrics.get()));
        server.start();
        log.info("Lambda event source mapping API listening on http://{}:{}", bind.getHostString(), port());
    }

    /** The port it listens on (the real one when bound to port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Stops listening; requests in progress are cut off. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            log.info("Lambda event source mapping API stopped");
        }
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Reply reply = route(exchange, method, path);
            send(exchange, requestId, reply.status(), reply.body(), null);
        } catch (EsmException e) {
            sendError(exchange, requestId, e.httpStatus(), e.type(), e.getMessage());
        } catch (ApiException e) {
            sendError(exchange, requestId, e.status(), e.type(), e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
            log.error("Unexpected failure in {} {} (request id {})", method, path, requestId, e);
            sendError(
                    exchange,
                    requestId,
                    500,
                    "ServiceException",
                    "An internal error occurred (request id " + requestId + "); see the Tributary log.");
        } finally {
            exchange.close();
        }
    }

    private record Reply(int status, JsonNode body) {}

    private Reply route(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            return switch (method) {
                case "POST" -> new Reply(
                        202,
                        MappingJsonWriter.configuration(mappings.create(MappingRequestReader.create(body(exchange)))));
                case "GET" -> list(exchange);
                default -> throw methodNotAllowed(exchange, method, path, "GET, POST");
            };
        }
        if (path.startsWith(BASE + "/") && path.indexOf('/', BASE.length() + 1) < 0) {
            String uuid = URLDecoder.decode(path.substring(BASE.length() + 1), StandardCharsets.UTF_8);
            return switch (method) {
                case "GET" -> new Reply(200, MappingJsonWriter.configuration(mappings.get(uuid)));
                case "PUT" -> new Reply(
                        202,
                        MappingJsonWriter.configuration(
                                mappings.update(uuid, MappingRequestReader.update(body(exchange)))));
                case "DELETE" -> new Reply(202, MappingJsonWriter.configuration(mappings.delete(uuid)));
                default -> throw methodNotAllowed(exchange, method, path, "GET, PUT, DELETE");
            };
        }
        throw new ApiException(
                "UnknownOperationException", 404, "No operation at " + method + " " + path + "; see docs/api.md");
    }

    private Reply list(HttpExchange exchange) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Integer maxItems = null;
        String rawMax = query.get("MaxItems");
        if (rawMax != null) {
            try {
                maxItems = Integer.valueOf(rawMax);
            } catch (NumberFormatException e) {
                throw ApiException.serialization("STRING_VALUE can not be converted to an Integer");
            }
        }
        MappingService.Page page =
                mappings.list(query.get("EventSourceArn"), query.get("FunctionName"), query.get("Marker"), maxItems);
        return new Reply(200, MappingJsonWriter.page(page));
    }

    private static ApiException methodNotAllowed(HttpExchange exchange, String method, String path, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return new ApiException("MethodNotAllowedException", 405, method + " is not allowed on " + path);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new ApiException(
                        "RequestTooLargeException", 413, "Request must be smaller than " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }

    private void sendError(HttpExchange exchange, String requestId, int status, String type, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("Type", "User");
        body.put(CAPITAL_MESSAGE.contains(type) ? "Message" : "message", message);
        try {
            send(exchange, requestId, status, body, type);
        } catch (IOException e) {
            log.debug("Could not send the {} response for request {}: {}", type, requestId, e.toString());
        }
    }

    private void send(HttpExchange exchange, String requestId, int status, JsonNode body, String errorType)
            throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "tributary-api-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
