package io.tributary.api;

import java.util.Objects;

/**
 * What a stream mapping sends to its {@code DestinationConfig.OnFailure} target when it discards a batch.
 *
 * @param mappingUuid the event source mapping's UUID (S3 targets put it in the object key)
 * @param shardId the shard the records came from (S3 object key)
 * @param json the invocation record in AWS's shape ({@code requestContext}, {@code responseContext},
 *     {@code version}, {@code timestamp}, {@code KinesisBatchInfo} or {@code DDBStreamBatchInfo}); exactly the SQS
 *     message body or the SNS {@code Message}
 * @param event the invocation event that failed ({@code {"Records":[...]}}); an S3 target writes {@code json} with an
 *     extra {@code "payload"} member holding this event as a JSON object, SQS and SNS targets ignore it (AWS sends no
 *     record data there)
 */
public record OnFailureRecord(String mappingUuid, String shardId, Payload json, Payload event) {
    public OnFailureRecord {
        Objects.requireNonNull(mappingUuid, "mappingUuid");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(event, "event");
    }
}
