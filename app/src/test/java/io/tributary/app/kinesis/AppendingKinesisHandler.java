package io.tributary.app.kinesis;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/**
 * The function of {@link KinesisCrashIT}, run by the java executor inside the service's child process: appends each
 * record's data (one line per record, one write per batch) to the file named by the system property
 * {@code kinesis.delivery.log}, before it returns. A line in the file = a record the function received.
 */
public final class AppendingKinesisHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (JsonNode record : JSON.readTree(input).get("Records")) {
            byte[] data =
                    Base64.getDecoder().decode(record.get("kinesis").get("data").asText());
            lines.append(new String(data, StandardCharsets.UTF_8)).append('\n');
        }
        synchronized (AppendingKinesisHandler.class) {
            Files.writeString(
                    Path.of(System.getProperty("kinesis.delivery.log")),
                    lines,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
