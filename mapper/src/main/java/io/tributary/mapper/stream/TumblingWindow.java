package io.tributary.mapper.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.api.InvocationResult;
import io.tributary.api.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One shard's tumbling window (TumblingWindowInSeconds; spec §2.7,
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html):
 *
 * <ul>
 *   <li>windows are aligned on the epoch and hold the records whose arrival time falls in them; a batch never spans
 *       two windows;
 *   <li>each invocation gets {@code window}, {@code state} (what the previous invocation of the window returned,
 *       {@code {}} at first), {@code shardId}, {@code eventSourceARN}, {@code isFinalInvokeForWindow} and
 *       {@code isWindowTerminatedEarly} next to {@code Records};
 *   <li>the response must hold a {@code state} object, otherwise the invocation counts as failed;
 *   <li>when the window is over (a record of a later window is read, the shard ends, or its end time passed and the
 *       shard is read to its tip) a final invocation with no records and {@code isFinalInvokeForWindow: true}
 *       hands over the state; it is retried until it succeeds, and only then is the window checkpointed;
 *   <li>a state over 1 MB ends the window early: a final invocation with {@code isWindowTerminatedEarly: true},
 *       then the same window goes on with a fresh state.
 * </ul>
 *
 * Not thread-safe: its lane guards it.
 */
final class TumblingWindow implements EventShape {
    static final int MAX_STATE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] EMPTY_STATE = "{}".getBytes(StandardCharsets.US_ASCII);

    private final Duration size;
    private final String shardId;
    private final String streamArn;
    private final boolean reportBatchItemFailures;
    private Instant start;
    private byte[] state = EMPTY_STATE;
    private boolean stateTooLarge;

    TumblingWindow(Duration size, String shardId, String streamArn, boolean reportBatchItemFailures) {
        this.size = size;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.reportBatchItemFailures = reportBatchItemFailures;
    }

    /** The start of the window a record belongs to. */
    Instant windowOf(ShardRecord record) {
        long sizeMillis = size.toMillis();
        long t = record.arrival().toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(t, sizeMillis) * sizeMillis);
    }

    boolean open() {
        return start != null;
    }

    boolean contains(ShardRecord record) {
        return start != null && start.equals(windowOf(record));
    }

    Instant end() {
        return start.plus(size);
    }

    /** Opens the window of {@code record} if none is open. */
    void openFor(ShardRecord record) {
        if (start == null) {
            start = windowOf(record);
            state = EMPTY_STATE;
        }
    }

    /** Whether the last state returned is over 1 MB, so the window must end early. */
    boolean stateTooLarge() {
        return stateTooLarge;
    }

    /** After a successful final invocation: an early end keeps the window open with a fresh state. */
    void finished(boolean early) {
        state = EMPTY_STATE;
        stateTooLarge = false;
        if (!early) {
            start = null;
        }
    }

    /** Bytes the window members add to an event, for the 6 MB cap. */
    int overheadBytes() {
        return 256 + state.length + shardId.length() + streamArn.length();
    }

    @Override
    public Payload event(List<ShardRecord> records) {
        return event(records, false, false);
    }

    Payload finalEvent(boolean terminatedEarly) {
        return event(List.of(), true, terminatedEarly);
    }

    private Payload event(List<ShardRecord> records, boolean last, boolean early) {
        Payload plain = EventShape.records(records);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.size() + overheadBytes());
        try {
            plain.writeTo(out, 0, plain.size() - 1); // without the closing brace
            out.write(("," + quoted("window") + ":{" + quoted("start") + ":" + quoted(ISO.format(start)) + ","
                            + quoted("end") + ":" + quoted(ISO.format(end())) + "}," + quoted("state") + ":")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(state);
            out.write(("," + quoted("shardId") + ":" + quoted(shardId) + "," + quoted("eventSourceARN") + ":"
                            + quoted(streamArn) + "," + quoted("isFinalInvokeForWindow") + ":" + last + ","
                            + quoted("isWindowTerminatedEarly") + ":" + early + "}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Payload.wrap(out.toByteArray());
    }

    /**
     * Reads the response of a window invocation: without a {@code state} object it failed; otherwise its partial
     * batch response decides, and the state is kept for the next invocation when the records were processed.
     */
    @Override
    public Outcome interpret(InvocationResult result, List<ShardRecord> records) {
        if (!(result instanceof InvocationResult.Success success)) {
            return ResponseInterpreter.interpret(result, records, reportBatchItemFailures);
        }
        JsonNode newState = stateOf(success.response());
        if (newState == null) {
            return new Outcome.Failed(null, "the response of a tumbling-window invocation has no state object");
        }
        Outcome outcome = reportBatchItemFailures
                ? ResponseInterpreter.partial(success.response(), records)
                : new Outcome.Succeeded();
        if (!(outcome instanceof Outcome.Failed)) {
            try {
                state = JSON.writeValueAsBytes(newState);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            stateTooLarge = state.length > MAX_STATE_BYTES;
        }
        return outcome;
    }

    private static JsonNode stateOf(Payload response) {
        try {
            JsonNode root = response.isEmpty() ? null : JSON.readTree(response.newInputStream());
            JsonNode state = root == null ? null : root.get("state");
            return state instanceof ObjectNode ? state : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
