package io.tributary.invoker.http;

import static io.tributary.invoker.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.api.FunctionConfig;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import io.tributary.invoker.Functions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpExecutorIT {
    // One server for the class: JDK 17's HttpServer.stop takes up to a second (its dispatcher polls once a second).
    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    private static final CountDownLatch releaseSlow = new CountDownLatch(1);
    private Functions functions;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/echo", exchange -> {
            lastHeaders.set(exchange.getRequestHeaders());
            respond(exchange, 200, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        });
        server.createContext(
                "/lambda-error",
                exchange -> respond(
                        exchange, 500, "{\"errorMessage\":\"order 42 is invalid\",\"errorType\":\"InvalidOrder\"}"));
        server.createContext(
                "/plain-error", exchange -> respond(exchange, 503, "Service Unavailable:\n database down"));
        server.createContext("/function-error", exchange -> {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
            respond(exchange, 200, "{\"errorType\":\"Error\",\"errorMessage\":\"Error: failed\",\"trace\":[]}");
        });
        server.createContext("/slow", exchange -> {
            try {
                releaseSlow.await();
                respond(exchange, 200, "\"late\"");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void closeFunctions() {
        if (functions != null) {
            functions.close();
        }
    }

    @AfterAll
    static void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void a2xxBodyIsTheFunctionsResponseAndTheRequestCarriesTheLambdaHeaders() {
        // given
        LambdaFunction function = load(httpFunction("echo", url("/echo"), Duration.ofSeconds(30)));
        long before = System.currentTimeMillis();

        // when
        InvocationResult result = function.invoke("5a0c2d3e-1111", Payload.utf8("{\"Records\":[]}"))
                .join();

        // then
        assertThat(result).isEqualTo(new InvocationResult.Success(Payload.utf8("{\"Records\":[]}")));
        Headers headers = lastHeaders.get();
        assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(headers.getFirst("Lambda-Runtime-Aws-Request-Id")).isEqualTo("5a0c2d3e-1111");
        assertThat(headers.getFirst("Lambda-Runtime-Invoked-Function-Arn"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
        assertThat(Long.parseLong(headers.getFirst("Lambda-Runtime-Deadline-Ms")))
                .isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
    }

    @Test
    void aNon2xxWithALambdaErrorBodyIsThatFunctionError() {
        // given
        LambdaFunction function = load(httpFunction("orders", url("/lambda-error"), Duration.ofSeconds(30)));

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result)
                .isEqualTo(new InvocationResult.FunctionError(
                        "InvalidOrder",
                        "order 42 is invalid",
                        Payload.utf8("{\"errorMessage\":\"order 42 is invalid\",\"errorType\":\"InvalidOrder\"}")));
    }

    @Test
    void aNon2xxWithAnotherBodyIsAnHttpErrorWithTheStatusAndTheStartOfTheBody() {
        // given
        String url = url("/plain-error");
        LambdaFunction function = load(httpFunction("orders", url, Duration.ofSeconds(30)));

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("HttpError");
            assertThat(error.errorMessage()).isEqualTo("HTTP 503 from " + url + ": Service Unavailable: database down");
            assertThat(error.body().utf8()).contains("\"errorType\":\"HttpError\"");
        });
    }

    @Test
    void a200WithXAmzFunctionErrorIsAFunctionErrorAsTheInvokeApiReportsIt() {
        // given
        LambdaFunction function = load(httpFunction("node", url("/function-error"), Duration.ofSeconds(30)));

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("Error");
            assertThat(error.errorMessage()).isEqualTo("Error: failed");
        });
    }

    @Test
    void anUnreachableUrlIsAFunctionErrorNamingTheUrl() throws IOException {
        // given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/invoke";
        LambdaFunction function = load(httpFunction("offline", url, Duration.ofSeconds(30)));

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("HttpConnectionError");
            assertThat(error.errorMessage()).startsWith("Could not reach " + url + " for function offline (");
        });
    }

    @Test
    void aServerSlowerThanTheFunctionTimeoutIsATimeout() {
        // given
        LambdaFunction function = load(httpFunction("slow", url("/slow"), Duration.ofSeconds(1)));

        // when
        InvocationResult result = function.invoke("4f7e", Payload.utf8("{}")).join();

        // then
        assertThat(result)
                .isEqualTo(new InvocationResult.TimedOut(
                        Duration.ofSeconds(1),
                        Payload.utf8("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":"
                                + "\"RequestId: 4f7e Error: Task timed out after 1.00 seconds\"}")));
    }

    private LambdaFunction load(FunctionConfig config) {
        functions = Functions.load(List.of(config));
        return functions.find(config.name()).orElseThrow();
    }

    private static FunctionConfig httpFunction(String name, String url, Duration timeout) {
        return function(name, timeout, Map.of(), OptionalInt.empty(), "http", Map.of("Url", url));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
