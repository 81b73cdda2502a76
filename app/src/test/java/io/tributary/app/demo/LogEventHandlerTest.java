package io.tributary.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogEventHandlerTest {

    @Test
    void logsOneReadableLinePerSqsMessageAndReturnsNothing() throws Exception {
        // given an SQS event with two messages
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        // when
        try (InputStream event = getClass().getResourceAsStream("/events/sqs-two-messages.json")) {
            new LogEventHandler(lines::add).handleRequest(event, response, context("demo-logger"));
        }

        // then
        assertThat(lines)
                .containsExactly(
                        "demo-logger got message 059f36b4-87a3-44ab-83d2-661975830a7d from demo-queue: \"hello\"",
                        "demo-logger got message 2e1424d4-f796-459a-8184-9c92662be6da from demo-queue:"
                                + " \"{\\\"order\\\": 42}\"");
        assertThat(response.size()).isZero();
    }

    @Test
    void logsAnEventWithoutRecordsAsAWhole() throws Exception {
        List<String> lines = new ArrayList<>();

        new LogEventHandler(lines::add)
                .handleRequest(
                        new ByteArrayInputStream("{\"ping\":true}".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        context("f"));

        assertThat(lines).containsExactly("f got an event: {\"ping\":true}");
    }

    /** A Context answering only the function name, which is all the handler reads. */
    private static Context context(String functionName) {
        return (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getFunctionName")) {
                        return functionName;
                    }
                    return method.getReturnType() == int.class ? 0 : null;
                });
    }
}
