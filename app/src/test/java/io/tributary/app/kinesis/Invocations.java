package io.tributary.app.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the test functions received, in invocation order, and how each function answers. Static because the java
 * executor instantiates {@link RecordingKinesisHandler} itself; every test uses its own function names.
 */
public final class Invocations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();
    private static final List<Call> CALLS = new ArrayList<>();

    private Invocations() {}

    /** How a function answers one invocation: a response body ({@code null} = empty), or an exception. */
    @FunctionalInterface
    public interface Script {
        String respond(Call call);
    }

    /** One record of an event: its sequence number, partition key, shard and data (decoded from base64). */
    public record Rec(String sequenceNumber, String partitionKey, String shardId, String data) {}

    /**
     * One invocation.
     *
     * @param number 1-based invocation number of this function
     * @param event the raw event JSON as the function got it
     */
    public record Call(String function, int number, String event, List<Rec> records) {
        public List<String> data() {
            return records.stream().map(Rec::data).toList();
        }

        public List<String> sequenceNumbers() {
            return records.stream().map(Rec::sequenceNumber).toList();
        }
    }

    public static void script(String function, Script script) {
        SCRIPTS.put(function, script);
    }

    /** Every invocation of the function so far, in order. */
    public static List<Call> of(String function) {
        synchronized (CALLS) {
            return CALLS.stream().filter(c -> c.function().equals(function)).toList();
        }
    }

    /** The data of every record the function processed successfully, in invocation order. */
    public static List<String> succeeded(String function) {
        List<String> data = new ArrayList<>();
        synchronized (CALLS) {
            for (Call c : CALLS) {
                if (c.function().equals(function) && SUCCEEDED.containsKey(c)) {
                    data.addAll(c.data().subList(0, SUCCEEDED.get(c)));
                }
            }
        }
        return data;
    }

    /** For each successful call, how many of its records (from the first) succeeded. */
    private static final Map<Call, Integer> SUCCEEDED = new ConcurrentHashMap<>();

    static String record(String function, String event) {
        Call call;
        synchronized (CALLS) {
            int number = (int) CALLS.stream()
                            .filter(c -> c.function().equals(function))
                            .count()
                    + 1;
            call = new Call(function, number, event, parse(event));
            CALLS.add(call);
        }
        Script script = SCRIPTS.getOrDefault(function, c -> null);
        String response = script.respond(call); // an exception here is the function's error
        SUCCEEDED.put(call, succeededPrefix(call, response));
        return response;
    }

    /** With a partial batch response, the records before the first failed one succeeded. */
    private static int succeededPrefix(Call call, String response) {
        if (response == null || !response.contains("batchItemFailures")) {
            return call.records().size();
        }
        try {
            JsonNode failures = JSON.readTree(response).get("batchItemFailures");
            int first = call.records().size();
            for (JsonNode f : failures) {
                int index =
                        call.sequenceNumbers().indexOf(f.get("itemIdentifier").asText());
                if (index >= 0) {
                    first = Math.min(first, index);
                }
            }
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Rec> parse(String event) {
        try {
            List<Rec> records = new ArrayList<>();
            for (JsonNode r : JSON.readTree(event).get("Records")) {
                JsonNode k = r.get("kinesis");
                String eventId = r.get("eventID").asText();
                records.add(new Rec(
                        k.get("sequenceNumber").asText(),
                        k.get("partitionKey").asText(),
                        eventId.substring(0, eventId.indexOf(':')),
                        new String(Base64.getDecoder().decode(k.get("data").asText()), StandardCharsets.UTF_8)));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
