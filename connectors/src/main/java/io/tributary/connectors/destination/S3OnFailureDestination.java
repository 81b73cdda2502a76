package io.tributary.connectors.destination;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.Payload;
import io.tributary.api.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * An S3 bucket as a stream mapping's {@code DestinationConfig.OnFailure}: each on-failure record becomes one object,
 * as Lambda writes it (spec §3.3, https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html):
 *
 * <ul>
 *   <li>the body is the invocation record's JSON with one more member, {@code "payload"}, holding the whole failed
 *       invocation event ({@code {"Records":[...]}}) as a JSON object, because unlike SQS and SNS records an S3
 *       record carries the data;
 *   <li>the key is {@code aws/lambda/<ESM-UUID>/<shardId>/<YYYY>/<MM>/<DD>/<YYYY-MM-DDTHH.MM.SS>-<random uuid>}, in
 *       UTC at the time of the write.
 * </ul>
 *
 * <p>A PutObject that fails (bucket missing, endpoint down, access denied) completes the future exceptionally with
 * {@link SourceException}; the engine then keeps the shard waiting and writes again later (a new random key each
 * time, so a retry never overwrites an object that did arrive).
 *
 * <p>Thread-safe.
 */
final class S3OnFailureDestination implements OnFailureDestination {
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);
    private static final byte[] PAYLOAD_MEMBER = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final S3AsyncClient client;
    private final S3Bucket bucket;
    private final Clock clock;
    private final Supplier<UUID> uuids;

    S3OnFailureDestination(S3AsyncClient client, S3Bucket bucket, Clock clock, Supplier<UUID> uuids) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uuids = Objects.requireNonNull(uuids, "uuids");
    }

    @Override
    public String arn() {
        return bucket.arn();
    }

    @Override
    public CompletableFuture<Void> publish(OnFailureRecord record) {
        String key = objectKey(record.mappingUuid(), record.shardId(), clock.instant(), uuids.get());
        byte[] body;
        try {
            body = objectBody(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new SourceException("cannot write the on-failure record for " + bucket.arn(), e));
        }
        return client.putObject(
                        r -> r.bucket(bucket.name()).key(key).contentType("application/json"),
                        AsyncRequestBody.fromBytes(body))
                .handle((written, error) -> {
                    if (error != null) {
                        throw new CompletionException(failure(key, error));
                    }
                    return null;
                });
    }

    /** {@code aws/lambda/<ESM-UUID>/<shardId>/<YYYY>/<MM>/<DD>/<YYYY-MM-DDTHH.MM.SS>-<random uuid>}, in UTC. */
    static String objectKey(String mappingUuid, String shardId, Instant at, UUID random) {
        return "aws/lambda/" + mappingUuid + "/" + shardId + "/" + DAY_PATH.format(at) + "/" + TIME.format(at) + "-"
                + random;
    }

    /**
     * The record's JSON object with {@code "payload": <event>} appended as its last member. Spliced as bytes rather
     * than re-serialized: the event can be megabytes, and both parts keep exactly the bytes the engine produced.
     */
    static byte[] objectBody(OnFailureRecord record) {
        byte[] json = record.json().toByteArray();
        int end = json.length - 1;
        while (end >= 0 && Character.isWhitespace(json[end])) {
            end--;
        }
        if (end < 1 || json[0] != '{' || json[end] != '}') {
            throw new IllegalArgumentException("the on-failure record is not a JSON object");
        }
        boolean empty = isEmptyObject(json, end);
        Payload event = record.event();
        ByteArrayOutputStream out = new ByteArrayOutputStream(end + PAYLOAD_MEMBER.length + event.size() + 8);
        out.write(json, 0, end);
        out.write(PAYLOAD_MEMBER, empty ? 1 : 0, empty ? PAYLOAD_MEMBER.length - 1 : PAYLOAD_MEMBER.length);
        try {
            if (event.isEmpty()) {
                out.write("null".getBytes(StandardCharsets.US_ASCII));
            } else {
                event.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        out.write('}');
        return out.toByteArray();
    }

    private static boolean isEmptyObject(byte[] json, int end) {
        for (int i = 1; i < end; i++) {
            if (!Character.isWhitespace(json[i])) {
                return false;
            }
        }
        return true;
    }

    private SourceException failure(String key, Throwable error) {
        return DestinationErrors.failed(
                "writing the on-failure record to S3 bucket " + bucket.name() + " (key " + key + ") failed", error);
    }

    /** The bucket of {@code arn:aws:s3:::<name>}. */
    record S3Bucket(String arn, String name) {
        S3Bucket {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(name, "name");
        }
    }
}
