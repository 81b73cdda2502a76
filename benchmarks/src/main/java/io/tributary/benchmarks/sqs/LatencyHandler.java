package io.tributary.benchmarks.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The latency benchmark's function: notes the time it was entered, first thing, then reads which messages (bodies are
 * sequence numbers) the event holds and hands both to {@link LatencyBenchmark}. Loaded from Tributary's own class
 * path, so it shares the benchmark's static state.
 */
public final class LatencyHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        long entered = System.nanoTime();
        for (JsonNode record : JSON.readTree(event).get("Records")) {
            LatencyBenchmark.entered(Integer.parseInt(record.get("body").asText()), entered);
        }
    }
}
