package io.tributary.app.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's function: logs one line per record of the event it gets, e.g. {@code demo-logger got message
 * 5fea7756-… from demo-queue: "hello"}, and returns nothing (so every record of the batch counts as processed).
 */
public final class LogEventHandler implements RequestStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(LogEventHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 500;

    private final Consumer<String> out;

    public LogEventHandler() {
        this(log::info);
    }

    LogEventHandler(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String function = context != null && context.getFunctionName() != null ? context.getFunctionName() : "function";
        JsonNode event = JSON.readTree(input);
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            out.accept(function + " got an event: " + shorten(String.valueOf(event)));
            return;
        }
        for (JsonNode record : records) {
            out.accept(function + " got message " + record.path("messageId").asText("?") + " from "
                    + queueName(record.path("eventSourceARN").asText("?")) + ": "
                    + shorten(JSON.writeValueAsString(record.path("body").asText(""))));
        }
    }

    private static String queueName(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_BODY_CHARS
                ? text
                : text.substring(0, MAX_BODY_CHARS) + "… (" + text.length() + " characters)";
    }
}
