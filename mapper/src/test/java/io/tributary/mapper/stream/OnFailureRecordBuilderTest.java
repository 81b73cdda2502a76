package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import io.tributary.mapper.SourceKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnFailureRecordBuilderTest {
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:fn";
    private static final Instant NOW = Instant.parse("2019-11-14T00:38:06.021Z");
    private static final List<ShardRecord> RECORDS = List.of(
            record("49600", Instant.parse("2019-11-14T00:38:04.835Z")),
            record("49601", Instant.parse("2019-11-14T00:38:05.580Z")));

    private static ShardRecord record(String seq, Instant arrival) {
        return ShardRecord.of(new StreamRecord(seq, "pk", arrival, Payload.utf8("{}")));
    }

    @Test
    void kinesis_retry_exhausted_record_has_aws_shape_and_millisecond_times() {
        OnFailureRecordBuilder builder =
                new OnFailureRecordBuilder(SourceKind.KINESIS, FN, "arn:aws:kinesis:us-east-1:000000000000:stream/s");

        Payload json = builder.build(
                "req-1",
                RetryRules.Condition.RetryAttemptsExhausted,
                2,
                new Outcome.Failed("Unhandled", "boom"),
                "shardId-000000000001",
                RECORDS,
                NOW);

        assertThat(json.utf8())
                .isEqualTo("{\"requestContext\":{\"requestId\":\"req-1\",\"functionArn\":\"" + FN
                        + "\",\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":2},"
                        + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\","
                        + "\"functionError\":\"Unhandled\"},\"version\":\"1.0\",\"timestamp\":\"2019-11-14T00:38:06.021Z\","
                        + "\"KinesisBatchInfo\":{\"shardId\":\"shardId-000000000001\",\"startSequenceNumber\":\"49600\","
                        + "\"endSequenceNumber\":\"49601\",\"approximateArrivalOfFirstRecord\":\"2019-11-14T00:38:04.835Z\","
                        + "\"approximateArrivalOfLastRecord\":\"2019-11-14T00:38:05.580Z\",\"batchSize\":2,"
                        + "\"streamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}}");
    }

    @Test
    void record_age_exceeded_has_no_response_context() {
        OnFailureRecordBuilder builder = new OnFailureRecordBuilder(SourceKind.KINESIS, FN, "arn:s");

        String json = builder.build("req", RetryRules.Condition.RecordAgeExceeded, 8, null, "shardId-1", RECORDS, NOW)
                .utf8();

        assertThat(json).contains("\"condition\":\"RecordAgeExceeded\"").doesNotContain("responseContext");
    }

    @Test
    void a_partial_failure_has_no_function_error() {
        OnFailureRecordBuilder builder = new OnFailureRecordBuilder(SourceKind.KINESIS, FN, "arn:s");

        String json = builder.build(
                        "req",
                        RetryRules.Condition.RetryAttemptsExhausted,
                        1,
                        new Outcome.PartiallyFailed(1),
                        "shardId-1",
                        RECORDS,
                        NOW)
                .utf8();

        assertThat(json)
                .contains("\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}")
                .doesNotContain("functionError");
    }

    @Test
    void dynamodb_uses_ddb_stream_batch_info_and_second_precision() {
        OnFailureRecordBuilder builder = new OnFailureRecordBuilder(
                SourceKind.DYNAMODB, FN, "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2019");

        String json = builder.build(
                        "req",
                        RetryRules.Condition.RetryAttemptsExhausted,
                        3,
                        new Outcome.Failed("Unhandled", "x"),
                        "shardId-00000001",
                        RECORDS,
                        NOW)
                .utf8();

        assertThat(json)
                .contains("\"DDBStreamBatchInfo\":{\"shardId\":\"shardId-00000001\"")
                .contains("\"approximateArrivalOfFirstRecord\":\"2019-11-14T00:38:04Z\"")
                .contains("\"approximateArrivalOfLastRecord\":\"2019-11-14T00:38:05Z\"")
                .contains("\"timestamp\":\"2019-11-14T00:38:06.021Z\"")
                .doesNotContain("KinesisBatchInfo");
    }
}
