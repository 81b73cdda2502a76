package io.tributary.connectors.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.OnFailureRecord;
import io.tributary.api.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class S3OnFailureDestinationTest {
    private static final String MAPPING = "a1b2c3d4-0000-4000-8000-000000000001";

    @Test
    void objectKeyIsLambdasFormatInUtc() {
        // given a write at 2024-03-05 07:08:09.123 UTC
        Instant at = Instant.parse("2024-03-05T07:08:09.123Z");
        UUID random = UUID.fromString("0f1e2d3c-4b5a-4968-8776-655443322110");

        // when
        String key = S3OnFailureDestination.objectKey(MAPPING, "shardId-000000000003", at, random);

        // then
        assertThat(key)
                .isEqualTo("aws/lambda/" + MAPPING + "/shardId-000000000003/2024/03/05/2024-03-05T07.08.09-"
                        + "0f1e2d3c-4b5a-4968-8776-655443322110");
    }

    @Test
    void objectKeyDateIsTheUtcDayEvenLateInTheEvening() {
        // given 23:59:59 on the last day of a year: the day folders and the time name the same UTC day
        Instant at = Instant.parse("2023-12-31T23:59:59.999Z");

        // when
        String key = S3OnFailureDestination.objectKey(MAPPING, "shardId-000000000000", at, new UUID(0, 1));

        // then
        assertThat(key).startsWith("aws/lambda/" + MAPPING + "/shardId-000000000000/2023/12/31/2023-12-31T23.59.59-");
    }

    @Test
    void objectBodyIsTheRecordWithTheWholeEventAsPayloadLast() {
        // given
        OnFailureRecord record = record(
                "{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"},\"version\":\"1.0\"}",
                "{\"Records\":[{\"kinesis\":{\"data\":\"aGk=\"}}]}");

        // when
        String body = new String(S3OnFailureDestination.objectBody(record), StandardCharsets.UTF_8);

        // then
        assertThat(body)
                .isEqualTo("{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"},\"version\":\"1.0\","
                        + "\"payload\":{\"Records\":[{\"kinesis\":{\"data\":\"aGk=\"}}]}}");
    }

    @Test
    void objectBodyIgnoresTrailingWhitespaceAndHandlesAnEmptyRecord() {
        assertThat(new String(
                        S3OnFailureDestination.objectBody(record("{\"a\":1}\n  ", "{\"Records\":[]}")),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"payload\":{\"Records\":[]}}");
        assertThat(new String(
                        S3OnFailureDestination.objectBody(record("{ }", "{\"Records\":[]}")), StandardCharsets.UTF_8))
                .isEqualTo("{ \"payload\":{\"Records\":[]}}");
    }

    @Test
    void objectBodyRefusesARecordThatIsNotAJsonObject() {
        assertThatThrownBy(() -> S3OnFailureDestination.objectBody(record("[1,2]", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
    }

    private static OnFailureRecord record(String json, String event) {
        return new OnFailureRecord(MAPPING, "shardId-000000000000", Payload.utf8(json), Payload.utf8(event));
    }
}
