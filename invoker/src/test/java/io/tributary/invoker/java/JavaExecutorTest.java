package io.tributary.invoker.java;

import static io.tributary.invoker.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import example.handlers.BlockingHandler;
import io.tributary.api.FunctionConfig;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import io.tributary.invoker.Functions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Functions functions;

    @BeforeEach
    void resetBlockingHandler() {
        BlockingHandler.reset();
    }

    @AfterEach
    void close() {
        BlockingHandler.release.countDown();
        if (functions != null) {
            functions.close();
        }
    }

    @Test
    void anSqsHandlerFromAJarReadsTheEventWithLambdasCasingAndReturnsItsBatchResponse() throws IOException {
        // given
        List<String> classpath =
                new ArrayList<>(List.of(FunctionJars.handlersJar(dir).toString()));
        classpath.addAll(FunctionJars.eventsLibraries());
        LambdaFunction function =
                load(javaFunction("sqs", "example.handlers.SqsBatchHandler::handleRequest", classpath));

        // when
        InvocationResult result =
                function.invoke("req-1", event("sqs-event.json")).join();

        // then
        assertThat(function.failure()).isEmpty();
        assertThat(json(result))
                .isEqualTo(JSON.readTree(
                        "{\"batchItemFailures\":[{\"itemIdentifier\":\"2e1424d4-f796-459a-8184-9c92662be6da\"}]}"));
    }

    @Test
    void aKinesisHandlerGetsItsDataBytesAndTheFractionalEpochArrivalTime() throws IOException {
        // given
        List<String> classpath =
                new ArrayList<>(List.of(FunctionJars.handlersJar(dir).toString()));
        classpath.addAll(FunctionJars.eventsLibraries());
        LambdaFunction function = load(javaFunction("kinesis", "example.handlers.KinesisHandler", classpath));

        // when
        InvocationResult result =
                function.invoke("req-1", event("kinesis-event.json")).join();

        // then
        assertThat(json(result))
                .isEqualTo(JSON.readTree("[\"1|Hello, this is a test.|1545084650987|"
                        + "arn:aws:kinesis:us-east-1:000000000000:stream/lambda-stream\"]"));
    }

    @Test
    void theHandlerComesFromTheFunctionsOwnClassLoaderNotFromTributarys() throws IOException {
        // given: MapHandler is also on the test class path, but the function must load its own copy
        Path classes = FunctionJars.handlersDirectory(dir);
        LambdaFunction function =
                load(javaFunction("maps", "example.handlers.MapHandler", List.of(classes.toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("{\"order\":42}")).join();

        // then
        assertThat(json(result)).isEqualTo(JSON.readTree("{\"order\":42,\"classLoader\":\"function:maps\"}"));
    }

    @Test
    void aRequestStreamHandlerGetsTheRawEventAndItsOutputIsTheResponse() throws IOException {
        // given
        LambdaFunction function = load(javaFunction(
                "upper",
                "example.handlers.UppercaseStreamHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("{\"word\":\"hello\"}")).join();

        // then
        assertThat(result).isEqualTo(new InvocationResult.Success(Payload.utf8("{\"WORD\":\"HELLO\"}")));
    }

    @Test
    void aHandlerThatThrowsGivesTheJavaRuntimesErrorShapeWithTheHandlersFramesOnly() throws IOException {
        // given
        LambdaFunction function = load(javaFunction(
                "thrower",
                "example.handlers.ThrowingHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("{\"id\":7}")).join();

        // then
        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("boom: 7");
        JsonNode body = JSON.readTree(error.body().utf8());
        assertThat(body.get("errorMessage").asText()).isEqualTo("boom: 7");
        assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body.get("stackTrace").get(0).asText())
                .startsWith("example.handlers.ThrowingHandler.handleRequest(ThrowingHandler.java:");
        assertThat(body.get("stackTrace").toString()).doesNotContain("io.tributary");
    }

    @Test
    void anEventThatDoesNotFitTheInputTypeIsTheJavaRuntimesParsingError() throws IOException {
        // given
        LambdaFunction function = load(javaFunction(
                "maps",
                "example.handlers.MapHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("[1,2]")).join();

        // then
        assertThat(result)
                .isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> assertThat(error.errorMessage())
                        .isEqualTo("An error occurred during JSON parsing"));
    }

    @Test
    void aHandlerReturningVoidAnswersNullAsLambdaDoes() throws IOException {
        // given
        LambdaFunction function = load(javaFunction(
                "void",
                "example.handlers.VoidHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("\"ignored\"")).join();

        // then
        assertThat(result).isEqualTo(new InvocationResult.Success(Payload.utf8("null")));
    }

    @Test
    void aNamedMethodIsCalledWithAPojoInputAndTheContext() throws IOException {
        // given
        LambdaFunction function = load(javaFunction(
                "greeter",
                "example.handlers.Greeter::greet",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", Payload.utf8("{\"name\":\"Ada\"}")).join();

        // then
        assertThat(result).isEqualTo(new InvocationResult.Success(Payload.utf8("\"Hello, Ada from greeter\"")));
    }

    @Test
    void theFunctionSeesItsEnvironmentVariablesAndARealContext() throws IOException {
        // given
        FunctionConfig config = function(
                "env-reader",
                Duration.ofSeconds(30),
                Map.of("GREETING", "hello from the config"),
                OptionalInt.empty(),
                "java",
                Map.of(
                        "Handler",
                        "example.handlers.EnvironmentHandler",
                        "Classpath",
                        List.of(FunctionJars.handlersJar(dir).toString())));
        LambdaFunction function = load(config);

        // when
        JsonNode seen =
                json(function.invoke("7c1e4d1a-0001", Payload.utf8("{}")).join());

        // then
        assertThat(seen.get("GREETING").asText()).isEqualTo("hello from the config");
        assertThat(seen.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("env-reader");
        assertThat(seen.get("awsRequestId").asText()).isEqualTo("7c1e4d1a-0001");
        assertThat(seen.get("functionName").asText()).isEqualTo("env-reader");
        assertThat(seen.get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(seen.get("invokedFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:env-reader");
        assertThat(seen.get("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(seen.get("logGroupName").asText()).isEqualTo("/aws/lambda/env-reader");
        assertThat(seen.get("logStreamName").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(seen.get("remainingTimeInMillis").asInt()).isBetween(1, 30_000);
        assertThat(seen.get("contextClassLoader").asText()).isEqualTo("function:env-reader");
        assertThat(seen.get("thread").asText()).startsWith("function-env-reader-");
    }

    @Test
    void theEnvironmentVariablesAreRemovedWhenTheFunctionsAreClosed() throws IOException {
        // given
        FunctionConfig config = function(
                "env-reader",
                Duration.ofSeconds(3),
                Map.of("TRIBUTARY_TEST_ONLY", "set"),
                OptionalInt.empty(),
                "java",
                Map.of("Handler", "example.handlers.EnvironmentHandler"));
        load(config);
        assertThat(System.getenv("TRIBUTARY_TEST_ONLY")).isEqualTo("set");

        // when
        functions.close();

        // then
        assertThat(System.getenv("TRIBUTARY_TEST_ONLY")).isNull();
    }

    @Test
    void aTimedOutHandlerIsInterrupted() throws InterruptedException {
        // given: BlockingHandler from the application class path (no Classpath), so its latches are the test's
        FunctionConfig config = function(
                "blocker",
                Duration.ofSeconds(1),
                Map.of(),
                OptionalInt.empty(),
                "java",
                Map.of("Handler", "example.handlers.BlockingHandler"));
        LambdaFunction function = load(config);

        // when
        InvocationResult result = function.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result).isInstanceOf(InvocationResult.TimedOut.class);
        assertThat(BlockingHandler.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whatContinuesOnTheFunctionsThreadRunsWithTributarysContextClassLoader() {
        // given: an invocation still running, and a continuation registered on it
        LambdaFunction function = load(function(
                "blocker",
                Duration.ofSeconds(30),
                Map.of(),
                OptionalInt.empty(),
                "java",
                Map.of("Handler", "example.handlers.BlockingHandler")));
        CompletableFuture<InvocationResult> running = function.invoke("req-1", Payload.utf8("{}"));
        CompletableFuture<ClassLoader> seen =
                running.thenApply(result -> Thread.currentThread().getContextClassLoader());

        // when
        BlockingHandler.release.countDown();

        // then
        assertThat(seen.join()).isSameAs(JavaExecutor.class.getClassLoader());
    }

    @Test
    void reservedConcurrencyThrottlesExactlyTheInvocationBeyondIt() {
        // given ReservedConcurrentExecutions 2 and two invocations blocked in the handler
        FunctionConfig config = function(
                "blocker",
                Duration.ofSeconds(30),
                Map.of(),
                OptionalInt.of(2),
                "java",
                Map.of("Handler", "example.handlers.BlockingHandler"));
        LambdaFunction function = load(config);
        List<CompletableFuture<InvocationResult>> results = new ArrayList<>();

        // when three arrive at once
        for (int i = 1; i <= 3; i++) {
            results.add(function.invoke("req-" + i, Payload.utf8("{}")));
        }

        // then exactly the third is throttled, and the other two finish once released
        assertThat(results.get(2).join())
                .isEqualTo(new InvocationResult.Throttled("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(results.get(0)).isNotDone();
        assertThat(results.get(1)).isNotDone();
        BlockingHandler.release.countDown();
        assertThat(results.get(0).join()).isEqualTo(new InvocationResult.Success(Payload.utf8("\"released\"")));
        assertThat(results.get(1).join()).isEqualTo(new InvocationResult.Success(Payload.utf8("\"released\"")));
    }

    @Test
    void aHandlerWhoseLibrariesAreMissingFromItsClasspathIsBrokenNotSilentlyServedByTributarysOwn() throws IOException {
        // given: aws-lambda-java-events is on Tributary's class path, but not on the function's
        LambdaFunction function = load(javaFunction(
                "sqs",
                "example.handlers.SqsBatchHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        // when
        InvocationResult result =
                function.invoke("req-1", event("sqs-event.json")).join();

        // then
        assertThat(function.failure()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Handler example.handlers.SqsBatchHandler needs a class that is missing from Classpath")
                .contains("com.amazonaws.services.lambda.runtime.events.SQSEvent"));
        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
    }

    @Test
    void aClassThatIsNoHandlerIsBroken() throws IOException {
        LambdaFunction function = load(javaFunction(
                "not",
                "example.handlers.NotAHandler",
                List.of(FunctionJars.handlersJar(dir).toString())));

        assertThat(function.failure()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Class does not implement an appropriate handler interface: "
                        + "example.handlers.NotAHandler"));
    }

    @Test
    void aMissingClasspathEntryIsBroken() {
        Path missing = dir.resolve("build/libs/missing.jar");

        LambdaFunction function =
                load(javaFunction("gone", "example.handlers.MapHandler", List.of(missing.toString())));

        assertThat(function.failure())
                .contains("Classpath entry " + missing + " does not exist (" + missing.toAbsolutePath() + ")");
    }

    private LambdaFunction load(FunctionConfig config) {
        functions = Functions.load(List.of(config));
        return functions.find(config.name()).orElseThrow();
    }

    private static FunctionConfig javaFunction(String name, String handler, List<String> classpath) {
        return function(name, "java", Map.of("Handler", handler, "Classpath", classpath));
    }

    private static Payload event(String name) throws IOException {
        try (InputStream in = JavaExecutorTest.class.getResourceAsStream("/events/" + name)) {
            return Payload.wrap(in.readAllBytes());
        }
    }

    private static JsonNode json(InvocationResult result) throws IOException {
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        return JSON.readTree(((InvocationResult.Success) result).response().utf8());
    }
}
