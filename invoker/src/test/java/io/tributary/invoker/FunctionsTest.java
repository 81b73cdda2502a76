package io.tributary.invoker;

import static io.tributary.invoker.TestFunctions.function;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.ConfigException;
import io.tributary.api.FunctionConfig;
import io.tributary.api.InvocationResult;
import io.tributary.api.LambdaFunction;
import io.tributary.api.Payload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionsTest {
    private static final FunctionConfig ORDERS = function("orders", "http", Map.of("Url", "http://127.0.0.1:9/orders"));
    private static final FunctionConfig AUDIT = function("audit", "http", Map.of("Url", "http://127.0.0.1:9/audit"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orders",
                "orders:$LATEST",
                "arn:aws:lambda:us-east-1:000000000000:function:orders",
                "arn:aws:lambda:us-east-1:000000000000:function:orders:$LATEST",
                "000000000000:function:orders",
                "000000000000:function:orders:$LATEST",
                "us-east-1:000000000000:function:orders"
            })
    void findsAFunctionByEveryFormOfLambdasFunctionName(String nameOrArn) {
        try (Functions functions = Functions.load(List.of(AUDIT, ORDERS))) {
            assertThat(functions.find(nameOrArn)).map(f -> f.config().name()).contains("orders");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "missing",
                "orders:7",
                "orders:live",
                "arn:aws:lambda:eu-west-1:000000000000:function:orders",
                "arn:aws:lambda:us-east-1:111111111111:function:orders",
                "arn:aws:sqs:us-east-1:000000000000:orders",
                "111111111111:function:orders",
                "",
                "a:b:c:d:e"
            })
    void findsNothingForAnotherFunctionAccountRegionOrQualifier(String nameOrArn) {
        try (Functions functions = Functions.load(List.of(ORDERS))) {
            assertThat(functions.find(nameOrArn)).isEmpty();
        }
    }

    @Test
    void listsAllFunctionsInConfigurationOrder() {
        try (Functions functions = Functions.load(List.of(ORDERS, AUDIT))) {
            assertThat(functions.all()).extracting(f -> f.config().name()).containsExactly("orders", "audit");
        }
    }

    @Test
    void anUnknownExecutorTypeNamesTheTypeKey() {
        FunctionConfig lambda = function("remote", "lambda", Map.of());

        assertThatThrownBy(() -> Functions.load(List.of(ORDERS, lambda)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Functions[1].Executor.Type: unknown executor type 'lambda'")
                .hasMessageContaining("http, java")
                .extracting(e -> ((ConfigException) e).key())
                .isEqualTo("Functions[1].Executor.Type");
    }

    @Test
    void aMissingUrlNamesItsKey() {
        FunctionConfig noUrl = function("broken", "http", Map.of());

        assertThatThrownBy(() -> Functions.load(List.of(ORDERS, AUDIT, noUrl)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Functions[2].Executor.Url: missing")
                .extracting(e -> ((ConfigException) e).key())
                .isEqualTo("Functions[2].Executor.Url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "127.0.0.1:8080/invoke", "http:///no-host", "http://exa mple.com"})
    void aUrlThatIsNotHttpIsRefused(String url) {
        FunctionConfig wrong = function("wrong", "http", Map.of("Url", url));

        assertThatThrownBy(() -> Functions.load(List.of(wrong)))
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key())
                .isEqualTo("Functions[0].Executor.Url");
    }

    @Test
    void anUnknownExecutorKeyIsRefusedSoTyposAreNotIgnored() {
        FunctionConfig typo = function("typo", "http", Map.of("Url", "http://127.0.0.1:9/", "Timeout", "3"));

        assertThatThrownBy(() -> Functions.load(List.of(typo)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Functions[0].Executor.Timeout: unknown key for an executor of Type http; it reads Url");
    }

    @Test
    void aJavaFunctionWithoutHandlerNamesTheHandlerKey() {
        FunctionConfig noHandler = function("java-fn", "java", Map.of("Classpath", List.of("build/fn.jar")));

        assertThatThrownBy(() -> Functions.load(List.of(noHandler)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Functions[0].Executor.Handler: missing");
    }

    @Test
    void aMalformedHandlerNamesTheHandlerKey() {
        FunctionConfig malformed = function("java-fn", "java", Map.of("Handler", "com.example.Hello::"));

        assertThatThrownBy(() -> Functions.load(List.of(malformed)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Functions[0].Executor.Handler: 'com.example.Hello::' is not a Java handler");
    }

    @Test
    void aClasspathThatIsNotAListOfStringsNamesTheEntry() {
        FunctionConfig wrong = function("java-fn", "java", Map.of("Handler", "a.B", "Classpath", List.of("ok.jar", 7)));

        assertThatThrownBy(() -> Functions.load(List.of(wrong)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Functions[0].Executor.Classpath[1]: must be a non-empty string");
    }

    @Test
    void aDuplicateFunctionNameIsRefused() {
        assertThatThrownBy(() -> Functions.load(List.of(ORDERS, AUDIT, ORDERS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Functions[2].FunctionName: function orders is already declared at Functions[0]");
    }

    @Test
    void aFunctionWhoseCodeCannotBeLoadedIsRegisteredAsBrokenAndFailsWhenInvoked() {
        // given
        FunctionConfig missing = function("missing-class", "java", Map.of("Handler", "com.example.Missing"));

        try (Functions functions = Functions.load(List.of(missing))) {
            LambdaFunction function = functions.find("missing-class").orElseThrow();

            // when
            InvocationResult result =
                    function.invoke("req-1", Payload.utf8("{}")).join();

            // then
            assertThat(function.failure())
                    .contains("Class not found: com.example.Missing (looked on Tributary's own class path)");
            assertThat(result)
                    .isEqualTo(
                            new InvocationResult.FunctionError(
                                    "java.lang.ClassNotFoundException",
                                    "Class not found: com.example.Missing (looked on Tributary's own class path)",
                                    Payload.utf8(
                                            "{\"errorMessage\":\"Class not found: com.example.Missing (looked on "
                                                    + "Tributary's own class path)\",\"errorType\":\"java.lang.ClassNotFoundException\"}")));
        }
    }

    @Test
    void invokingAfterCloseIsAFunctionErrorNotAnException() {
        // given
        Functions functions = Functions.load(List.of(ORDERS));
        LambdaFunction orders = functions.find("orders").orElseThrow();
        functions.close();

        // when
        InvocationResult result = orders.invoke("req-1", Payload.utf8("{}")).join();

        // then
        assertThat(result)
                .isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> assertThat(error.errorMessage())
                        .isEqualTo("Function orders was invoked after Tributary closed it"));
    }
}
