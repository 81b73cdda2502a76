package io.tributary.mapper.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.api.Payload;
import io.tributary.mapper.SourceKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds the on-failure record of a discarded stream batch exactly as AWS sends it to SQS and SNS (spec §3.3;
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html):
 *
 * <pre>
 * {"requestContext":{"requestId","functionArn","condition","approximateInvokeCount"},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "version":"1.0","timestamp":"…Z",
 *  "KinesisBatchInfo":{"shardId","startSequenceNumber","endSequenceNumber","approximateArrivalOfFirstRecord",
 *                      "approximateArrivalOfLastRecord","batchSize","streamArn"}}
 * </pre>
 *
 * <ul>
 *   <li>{@code RecordAgeExceeded} records have no {@code responseContext};
 *   <li>{@code functionError} is present only when the function failed (error or timeout), not when it returned a
 *       partial batch response or an invalid response;
 *   <li>DynamoDB uses {@code DDBStreamBatchInfo} and arrival times to the second; Kinesis to the millisecond.
 * </ul>
 */
final class OnFailureRecordBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final SourceKind kind;
    private final String functionArn;
    private final String streamArn;

    OnFailureRecordBuilder(SourceKind kind, String functionArn, String streamArn) {
        this.kind = kind;
        this.functionArn = functionArn;
        this.streamArn = streamArn;
    }

    /**
     * @param requestId the request id of the last invocation of these records
     * @param lastFailure the last failed outcome (for {@code responseContext}); ignored for RecordAgeExceeded
     */
    Payload build(
            String requestId,
            RetryRules.Condition condition,
            int approximateInvokeCount,
            Outcome lastFailure,
            String shardId,
            List<ShardRecord> records,
            Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", approximateInvokeCount);
        if (condition == RetryRules.Condition.RetryAttemptsExhausted) {
            ObjectNode response = root.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (lastFailure instanceof Outcome.Failed failed && failed.functionError() != null) {
                response.put("functionError", failed.functionError());
            }
        }
        root.put("version", "1.0");
        root.put("timestamp", MILLIS.format(now.truncatedTo(ChronoUnit.MILLIS)));
        boolean dynamo = kind == SourceKind.DYNAMODB;
        DateTimeFormatter arrival = dynamo ? SECONDS : MILLIS;
        ObjectNode info = root.putObject(dynamo ? "DDBStreamBatchInfo" : "KinesisBatchInfo");
        ShardRecord first = records.get(0);
        ShardRecord last = records.get(records.size() - 1);
        info.put("shardId", shardId);
        info.put("startSequenceNumber", first.sequenceNumber());
        info.put("endSequenceNumber", last.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival.format(first.arrival()));
        info.put("approximateArrivalOfLastRecord", arrival.format(last.arrival()));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        try {
            return Payload.wrap(JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
