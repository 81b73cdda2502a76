package io.tributary.app.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a config file can be wrong, and the exact message that names the file, the key and the problem. */
class ConfigFileErrorsTest {
    private static final String FN =
            "Functions:\n  - { FunctionName: f, Executor: { Type: http, Url: \"http://h\" } }\n";

    static Stream<Arguments> errors() {
        return Stream.of(
                // YAML syntax
                error(
                        "Region: [us-east-1\n",
                        "t.yaml: line 2, column 1: not valid YAML: expected ',' or ']', but got"
                                + " <stream end> (while parsing a flow sequence started at line 1, column 9)"),
                error(
                        "Sqs:\n  Port: 1\n Queues: []\n",
                        "t.yaml: line 3, column 2: not valid YAML: expected <block end>,"
                                + " but found '<block mapping start>' (while parsing a block mapping started at line 1, column 1)"),
                error("Region: a\nRegion: b\n", "t.yaml: line 2, column 7: not valid YAML: duplicate key 'Region'"),
                error(
                        "- a\n- b\n",
                        "t.yaml: (top level): must be a mapping of keys (AccountId, EventSourceMappings,"
                                + " Functions, Kinesis, Region, S3, Sns, Sqs), got a list"),
                // top level
                error(
                        "Regions: us-east-1\n",
                        "t.yaml: Regions: unknown key; the keys allowed here are AccountId,"
                                + " EventSourceMappings, Functions, Kinesis, Region, S3, Sns, Sqs"),
                error(
                        "region: us-east-1\n",
                        "t.yaml: region: unknown key; did you mean Region? (keys are case-sensitive)"),
                error(
                        "Region: US East\n",
                        "t.yaml: Region: must be an AWS region name such as us-east-1, got \"US East\""),
                error(
                        "AccountId: 000000000000\n",
                        "t.yaml: AccountId: must be 12 digits in quotes, e.g. \"000000000000\", got 0"),
                error(
                        "AccountId: \"12345\"\n",
                        "t.yaml: AccountId: must be 12 digits in quotes, e.g. \"000000000000\", got \"12345\""),
                // S3 and Sns (on-failure destinations)
                error(
                        "S3: { Endpoint: \"127.0.0.1:9000\" }\n",
                        "t.yaml: S3.Endpoint: must be an http:// or https://"
                                + " URL such as http://127.0.0.1:9324, got \"127.0.0.1:9000\""),
                error(
                        "S3: { Bucket: b }\n",
                        "t.yaml: S3.Bucket: unknown key; the keys allowed here are AccessKeyId, Endpoint,"
                                + " SecretAccessKey"),
                error(
                        "Sns: { SecretAccessKey: s }\n",
                        "t.yaml: Sns.AccessKeyId: is required when Sns.SecretAccessKey is"
                                + " set (static keys come in pairs)"),
                // Kinesis: the same key pair as Sqs, S3 and Sns (CredentialsConfig)
                error(
                        "Kinesis: { AccessKeyId: AK }\n",
                        "t.yaml: Kinesis.SecretAccessKey: is required when Kinesis.AccessKeyId is"
                                + " set (static keys come in pairs)"),
                error(
                        "Kinesis: { AccessKeyId: AK, SecretAccessKey: \"\" }\n",
                        "t.yaml: Kinesis.SecretAccessKey: must not be empty"),
                // Sqs
                error(
                        "Sqs: http://x\n",
                        "t.yaml: Sqs: must be a mapping of keys (AccessKeyId, Endpoint, Port, Queues,"
                                + " SecretAccessKey), got \"http://x\""),
                error(
                        "Sqs: { Endpoint: \"localhost:9324\" }\n",
                        "t.yaml: Sqs.Endpoint: must be an http:// or https://"
                                + " URL such as http://127.0.0.1:9324, got \"localhost:9324\""),
                error(
                        "Sqs: { Endpoint: \"http://h:1\", Port: 9325 }\n",
                        "t.yaml: Sqs.Port: sets the port of the"
                                + " embedded SQS server, which does not run when Sqs.Endpoint is set: remove one of them"),
                error("Sqs: { Port: 70000 }\n", "t.yaml: Sqs.Port: must be a whole number from 0 to 65535, got 70000"),
                error(
                        "Sqs: { Port: high }\n",
                        "t.yaml: Sqs.Port: must be a whole number from 0 to 65535, got \"high\""),
                error(
                        "Sqs: { AccessKeyId: AK }\n",
                        "t.yaml: Sqs.SecretAccessKey: is required when Sqs.AccessKeyId is"
                                + " set (static keys come in pairs)"),
                error(
                        "Sqs: { Queues: { QueueName: q } }\n",
                        "t.yaml: Sqs.Queues: must be a list (items starting with \"- \"), got a mapping"),
                error("Sqs: { Queues: [ { Attributes: {} } ] }\n", "t.yaml: Sqs.Queues[0].QueueName: is required"),
                error(
                        "Sqs: { Queues: [ { QueueName: \"my queue\" } ] }\n",
                        "t.yaml: Sqs.Queues[0].QueueName: must be 1"
                                + " to 80 letters, digits, hyphens or underscores (FIFO queues end with .fifo), got \"my queue\""),
                error(
                        "Sqs: { Queues: [ { QueueName: q }, { QueueName: q } ] }\n",
                        "t.yaml: Sqs.Queues[1].QueueName: duplicate queue name \"q\" (also at Sqs.Queues[0])"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, Attributes: { Visibility: \"30\" } } ] }\n",
                        "t.yaml: Sqs.Queues[0].Attributes.Visibility: unknown key; the keys allowed here are"
                                + " ContentBasedDeduplication, DeduplicationScope, DelaySeconds, FifoQueue,"
                                + " FifoThroughputLimit, KmsDataKeyReusePeriodSeconds, KmsMasterKeyId,"
                                + " MaximumMessageSize, MessageRetentionPeriod, Policy, ReceiveMessageWaitTimeSeconds,"
                                + " RedriveAllowPolicy, RedrivePolicy, SqsManagedSseEnabled, VisibilityTimeout"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, Attributes: { VisibilityTimeout: \"43201\" } } ] }\n",
                        "t.yaml: Sqs.Queues[0].Attributes.VisibilityTimeout: must be a whole number from 0 to 43200,"
                                + " got 43201"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, VisibilityTimeout: 5, Attributes: { VisibilityTimeout: \"5\" }"
                                + " } ] }\n",
                        "t.yaml: Sqs.Queues[0].VisibilityTimeout: is also given under Attributes: keep one"
                                + " of them"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, Attributes: { FifoQueue: yes-please } } ] }\n",
                        "t.yaml: Sqs.Queues[0].Attributes.FifoQueue: must be true or false, got \"yes-please\""),
                error(
                        "Sqs: { Queues: [ { QueueName: q.fifo } ] }\n",
                        "t.yaml: Sqs.Queues[0].QueueName: ends with .fifo, so the queue needs FifoQueue: true"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, FifoQueue: true } ] }\n",
                        "t.yaml: Sqs.Queues[0].QueueName: must end with .fifo, because FifoQueue is true"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, RedrivePolicy: '{\"maxReceiveCount\":3' } ] }\n",
                        "t.yaml: Sqs.Queues[0].RedrivePolicy: must be JSON such as {\"deadLetterTargetArn\":"
                                + "\"arn:aws:sqs:us-east-1:000000000000:my-dlq\",\"maxReceiveCount\":\"3\"}: Unexpected"
                                + " end-of-input: expected close marker for Object"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, RedrivePolicy: { maxReceiveCount: 3 } } ] }\n",
                        "t.yaml: Sqs.Queues[0].RedrivePolicy: needs deadLetterTargetArn, the ARN of the dead-letter"
                                + " queue (arn:aws:sqs:...)"),
                error(
                        "Sqs: { Queues: [ { QueueName: q, RedrivePolicy: { deadLetterTargetArn: \"arn:aws:sqs:r:a:d\","
                                + " maxReceiveCount: 0 } } ] }\n",
                        "t.yaml: Sqs.Queues[0].RedrivePolicy: needs"
                                + " maxReceiveCount, a whole number from 1 to 1000"),
                // Functions
                error(
                        "Functions: [ { Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].FunctionName: is required"),
                error(
                        "Functions: [ { FunctionName: \"my fn\", Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].FunctionName: must be 1 to 64 letters, digits, hyphens or underscores,"
                                + " got \"my fn\""),
                error(
                        FN + "  - { FunctionName: f, Executor: { Type: http } }\n",
                        "t.yaml: Functions[1].FunctionName: duplicate function name \"f\" (also at Functions[0])"),
                error(
                        "Functions: [ { FunctionName: f, Timeout: 901, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].Timeout: must be a whole number from 1 to 900, got 901"),
                error(
                        "Functions: [ { FunctionName: f, Timeout: 0, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].Timeout: must be a whole number from 1 to 900, got 0"),
                error(
                        "Functions: [ { FunctionName: f, Timeout: 2.5, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].Timeout: must be a whole number from 1 to 900, got 2.5"),
                error(
                        "Functions: [ { FunctionName: f, Timeout: soon, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].Timeout: must be a whole number from 1 to 900, got \"soon\""),
                error(
                        "Functions: [ { FunctionName: f, MemorySize: 64, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].MemorySize: must be a whole number from 128 to 10240, got 64"),
                error(
                        "Functions: [ { FunctionName: f, ReservedConcurrentExecutions: -1, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].ReservedConcurrentExecutions: must be a whole number from 0 to"
                                + " 2147483647, got -1"),
                error(
                        "Functions: [ { FunctionName: f, Environment: { LOG_LEVEL: INFO }, Executor: { Type: http } } ]\n",
                        "t.yaml: Functions[0].Environment.LOG_LEVEL: unknown key; the keys allowed here are Variables"),
                error(
                        "Functions: [ { FunctionName: f, Environment: { Variables: { 1X: a } }, Executor: { Type: http } }"
                                + " ]\n",
                        "t.yaml: Functions[0].Environment.Variables.1X: is not a valid environment variable"
                                + " name: it must start with a letter and contain only letters, digits and underscores (at"
                                + " least 2 characters)"),
                error(
                        "Functions: [ { FunctionName: f } ]\n",
                        "t.yaml: Functions[0].Executor: is required: it says what"
                                + " runs the function, e.g. {Type: http, Url: \"http://127.0.0.1:8080/invoke\"}"
                                + " (docs/configuration.md)"),
                error(
                        "Functions: [ { FunctionName: f, Executor: { Url: \"http://h\" } } ]\n",
                        "t.yaml: Functions[0].Executor.Type: is required"),
                error(
                        "Functions: [ { FunctionName: f, Executor: { Type: http, Url: } } ]\n",
                        "t.yaml: Functions[0].Executor.Url: has no value"),
                error(
                        "Functions: [ { FunctionName: f, Handler: x.Y, Executor: { Type: java } } ]\n",
                        "t.yaml: Functions[0].Handler: belongs under Executor (e.g. Executor: {Type: java, Handler:"
                                + " com.example.Handler})"),
                error(
                        "Functions: [ { FunctionName: f, Role: r, Executor: { Type: java } } ]\n",
                        "t.yaml: Functions[0].Role: unknown key; the keys allowed here are Environment, Executor,"
                                + " FunctionName, MemorySize, ReservedConcurrentExecutions, Timeout"),
                // EventSourceMappings
                error(
                        FN + "EventSourceMappings: [ { EventSourceArn: \"arn:aws:sqs:us-east-1:000000000000:q\" } ]\n",
                        "t.yaml: EventSourceMappings[0].FunctionName: is required"),
                error(
                        FN + "EventSourceMappings: [ { FunctionName: g, EventSourceArn: \"arn:aws:sqs:us-east-1:"
                                + "000000000000:q\" } ]\n",
                        "t.yaml: EventSourceMappings[0].FunctionName: names function \"g\","
                                + " which is not declared under Functions (declared: f)"),
                error(
                        "EventSourceMappings: [ { FunctionName: g, EventSourceArn: \"arn:aws:sqs:us-east-1:"
                                + "000000000000:q\" } ]\n",
                        "t.yaml: EventSourceMappings[0].FunctionName: names function \"g\","
                                + " which is not declared under Functions (there are none)"),
                error(
                        FN
                                + "EventSourceMappings: [ { FunctionName: \"arn:aws:lambda:eu-west-1:000000000000:function:f\","
                                + " EventSourceArn: \"arn:aws:sqs:us-east-1:000000000000:q\" } ]\n",
                        "t.yaml: EventSourceMappings[0].FunctionName: names a function in eu-west-1 / account"
                                + " 000000000000, but this file's Region is us-east-1 and AccountId 000000000000"),
                error(
                        FN + "EventSourceMappings: [ { FunctionName: f } ]\n",
                        "t.yaml: EventSourceMappings[0].EventSourceArn: is required"),
                error(
                        FN + "EventSourceMappings: [ { FunctionName: f, EventSourceArn: orders } ]\n",
                        "t.yaml: EventSourceMappings[0].EventSourceArn: must be an ARN such as"
                                + " arn:aws:sqs:us-east-1:000000000000:my-queue, got \"orders\""),
                error(
                        FN + "EventSourceMappings: [ { FunctionName: f, EventSourceArn: \"arn:aws:sqs:eu-west-1:"
                                + "000000000000:q\" } ]\n",
                        "t.yaml: EventSourceMappings[0].EventSourceArn: names a queue in"
                                + " eu-west-1 / account 000000000000, but the embedded SQS server serves Region us-east-1 and"
                                + " AccountId 000000000000 only: use arn:aws:sqs:us-east-1:000000000000:q"),
                mappingError("BatchSize: 0", "BatchSize: must be a whole number from 1 to 10000, got 0"),
                mappingError("BatchSize: ten", "BatchSize: must be a whole number from 1 to 10000, got \"ten\""),
                mappingError("Enabled: maybe", "Enabled: must be true or false, got \"maybe\""),
                mappingError(
                        "MaximumBatchingWindowInSeconds: 301",
                        "MaximumBatchingWindowInSeconds: must be a whole number from 0 to 300, got 301"),
                mappingError(
                        "ScalingConfig: { MaximumConcurrency: 1 }",
                        "ScalingConfig.MaximumConcurrency: must be a whole number from 2 to 1000, got 1"),
                mappingError(
                        "ScalingConfig: { MaxConcurrency: 5 }",
                        "ScalingConfig.MaxConcurrency: unknown key; the keys allowed here are MaximumConcurrency"),
                mappingError(
                        "FunctionResponseTypes: [ ReportFailures ]",
                        "FunctionResponseTypes[0]: must be ReportBatchItemFailures (the only response type), got"
                                + " \"ReportFailures\""),
                mappingError(
                        "FunctionResponseTypes: ReportBatchItemFailures",
                        "FunctionResponseTypes: must be a list (items starting with \"- \"), got"
                                + " \"ReportBatchItemFailures\""),
                mappingError(
                        "FilterCriteria: { Filters: [ { Patern: x } ] }",
                        "FilterCriteria.Filters[0].Patern: unknown key; the keys allowed here are Pattern"),
                mappingError(
                        "StartingPosition: OLDEST",
                        "StartingPosition: must be TRIM_HORIZON, LATEST or AT_TIMESTAMP, got \"OLDEST\""),
                mappingError(
                        "StartingPositionTimestamp: yesterday",
                        "StartingPositionTimestamp: must be epoch seconds (e.g. 1735689600) or an ISO-8601 instant"
                                + " (e.g. 2025-01-01T00:00:00Z), got \"yesterday\""),
                mappingError(
                        "ParallelizationFactor: 11",
                        "ParallelizationFactor: must be a whole number from 1 to 10, got 11"),
                mappingError(
                        "MaximumRecordAgeInSeconds: -2",
                        "MaximumRecordAgeInSeconds: must be a whole number from -1 to 604800, got -2"),
                mappingError(
                        "MaximumRetryAttempts: 10001",
                        "MaximumRetryAttempts: must be a whole number from -1 to 10000, got 10001"),
                mappingError(
                        "TumblingWindowInSeconds: 901",
                        "TumblingWindowInSeconds: must be a whole number from 0 to 900, got 901"),
                mappingError(
                        "BisectBatchOnFunctionError: 1", "BisectBatchOnFunctionError: must be true or false, got 1"),
                mappingError(
                        "DestinationConfig: { OnFailure: \"arn:aws:sqs:us-east-1:000000000000:d\" }",
                        "DestinationConfig.OnFailure: must be a mapping of keys (Destination), got"
                                + " \"arn:aws:sqs:us-east-1:000000000000:d\""),
                mappingError(
                        "Tags: [ { Key: team } , { Name: x } ]",
                        "Tags[1].Name: unknown key; the keys allowed here are Key, Value"),
                mappingError(
                        "Topics: [ orders ]", "Topics: is a CloudFormation property Tributary does not support yet"),
                mappingError(
                        "Batchsize: 5", "Batchsize: unknown key; did you mean BatchSize? (keys are case-sensitive)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void aWrongConfigFileNamesTheFileTheKeyAndTheProblem(String yaml, String message) {
        assertThatThrownBy(() -> TributaryConfig.parse(yaml, "t.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(message)
                .hasNoCause();
    }

    private static Arguments error(String yaml, String message) {
        return Arguments.of(yaml, message);
    }

    private static Arguments mappingError(String property, String message) {
        return error(
                FN
                        + "EventSourceMappings:\n  - FunctionName: f\n    EventSourceArn: arn:aws:sqs:us-east-1:000000000000:q\n"
                        + "    " + property + "\n",
                "t.yaml: EventSourceMappings[0]." + message);
    }
}
