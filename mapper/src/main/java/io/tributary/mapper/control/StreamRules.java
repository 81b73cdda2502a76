package io.tributary.mapper.control;

import io.tributary.api.FunctionConfig;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.SourceKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kinesis and DynamoDB Streams mappings: defaults and checks from
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html, …/services-ddb-params.html and the
 * errors the real service returns (spec §1.3, §1.5). Whether the stream exists is asked of the registered
 * {@link StreamLookup}s.
 */
final class StreamRules implements SourceRules {
    static final String STARTING_POSITION_REQUIRED = "1 validation error detected: Value null at 'startingPosition' "
            + "failed to satisfy constraint: Member must not be null.";
    // Quoted from the real service by the Terraform provider's maintainers (hashicorp/terraform-provider-aws#16113).
    static final String RECORD_AGE =
            "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)";
    static final int DEFAULT_BATCH_SIZE = 100;
    // Stream mappings send on-failure records to an SQS queue, an SNS topic or an S3 bucket
    // (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html).
    private static final Pattern DESTINATION = Pattern.compile(
            "arn:aws[a-z-]*:(sqs|sns):[a-z0-9-]+:\\d{12}:[^:/]+|arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final SourceKind kind;
    private final List<StreamLookup> streams;

    StreamRules(SourceKind kind, List<StreamLookup> streams) {
        if (!MappingDraft.isStream(kind)) {
            throw new IllegalArgumentException("not a stream source: " + kind);
        }
        this.kind = kind;
        this.streams = List.copyOf(streams);
    }

    @Override
    public MappingDraft defaults(String eventSourceArn) {
        MappingDraft d = new MappingDraft();
        d.eventSourceArn = eventSourceArn;
        d.sourceKind = kind;
        d.batchSize = DEFAULT_BATCH_SIZE;
        d.maximumBatchingWindowInSeconds = 0;
        d.parallelizationFactor = 1;
        d.maximumRecordAgeInSeconds = -1;
        d.bisectBatchOnFunctionError = false;
        d.maximumRetryAttempts = -1;
        d.tumblingWindowInSeconds = 0;
        d.stateTransitionReason = "User action";
        d.lastProcessingResult = "No records processed";
        return d;
    }

    @Override
    public void validate(MappingDraft draft, MappingRequest request, FunctionConfig function, boolean create) {
        if (create && draft.startingPosition == null) {
            throw EsmException.invalidParameter(STARTING_POSITION_REQUIRED);
        }
        if (create && kind == SourceKind.DYNAMODB && "AT_TIMESTAMP".equals(draft.startingPosition)) {
            throw EsmException.invalidParameter("Unsupported starting position for arn type: " + draft.eventSourceArn);
        }
        int recordAge = draft.maximumRecordAgeInSeconds;
        if (recordAge >= 0 && recordAge < 60) {
            throw EsmException.invalidParameter(RECORD_AGE);
        }
        // The batch-window rule applies to streams as to SQS, but AWS's own default (100 records, no window) is
        // valid, so a stream mapping keeping the default batch size may keep a zero window.
        if (draft.batchSize > 10
                && draft.batchSize != DEFAULT_BATCH_SIZE
                && draft.maximumBatchingWindowInSeconds == 0) {
            throw EsmException.invalidParameter(SqsRules.BATCH_WINDOW_REQUIRED);
        }
        if (draft.onFailureDestination != null
                && !DESTINATION.matcher(draft.onFailureDestination).matches()) {
            // AWS's wording for a destination it cannot use (quoted for function destinations in the Terraform AWS
            // provider's docs, aws_lambda_function_event_invoke_config).
            throw EsmException.invalidParameter("The destination ARN " + draft.onFailureDestination + " is invalid.");
        }
        if (create && !exists(draft.eventSourceArn)) {
            throw EsmException.invalidParameter("Stream not found: " + draft.eventSourceArn);
        }
    }

    private boolean exists(String streamArn) {
        for (StreamLookup lookup : streams) {
            if (lookup.serves(streamArn)) {
                return lookup.exists(streamArn);
            }
        }
        return false;
    }

    @Override
    public String duplicateMessage(String eventSourceArn, String functionName, String existingUuid) {
        return "The event source arn (\" " + eventSourceArn + " \") and function (\" " + functionName
                + " \") provided mapping already exists. Please update or delete the existing mapping with UUID "
                + existingUuid;
    }
}
