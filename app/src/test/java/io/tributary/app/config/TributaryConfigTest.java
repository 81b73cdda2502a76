package io.tributary.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.mapper.MappingRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryConfigTest {

    @Test
    void theIssueExampleParsesIntoFunctionsMappingsAndQueues() {
        // given the example of the configuration reference
        Path file = Path.of("src/test/resources/config/issue-example.yaml");

        // when
        TributaryConfig config = TributaryConfig.load(file);

        // then
        assertThat(config.source()).isEqualTo(file.toString());
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.accountId()).isEqualTo("000000000000");
        assertThat(config.sqs().endpoint()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(config.sqs().embedded()).isFalse();
        assertThat(config.sqs().credentials()).isEmpty();
        assertThat(config.sqs().queues())
                .containsExactly(
                        new QueueConfig("orders-dlq", Map.of()),
                        new QueueConfig(
                                "orders",
                                Map.of(
                                        "VisibilityTimeout",
                                        "30",
                                        "RedrivePolicy",
                                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\","
                                                + "\"maxReceiveCount\":\"3\"}")));
        assertThat(config.functions())
                .containsExactly(
                        new FunctionConfig(
                                "orders-handler",
                                "arn:aws:lambda:us-east-1:000000000000:function:orders-handler",
                                Duration.ofSeconds(30),
                                256,
                                Map.of("LOG_LEVEL", "INFO"),
                                OptionalInt.of(5),
                                new ExecutorConfig("http", Map.of("Url", "http://127.0.0.1:8080/invoke"))),
                        new FunctionConfig(
                                "hello",
                                "arn:aws:lambda:us-east-1:000000000000:function:hello",
                                Duration.ofSeconds(3),
                                128,
                                Map.of(),
                                OptionalInt.empty(),
                                new ExecutorConfig(
                                        "java",
                                        Map.of(
                                                "Handler",
                                                "com.example.Hello::handleRequest",
                                                "Classpath",
                                                List.of(Path.of("src/test/resources/config/path/to/handler.jar")
                                                        .toAbsolutePath()
                                                        .toString())))));
        assertThat(config.eventSourceMappings())
                .containsExactly(new MappingRequest(
                        "orders-handler",
                        "arn:aws:sqs:us-east-1:000000000000:orders",
                        null,
                        10,
                        1,
                        null,
                        List.of("ReportBatchItemFailures"),
                        5,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void everyEventSourceMappingPropertyIsRead() {
        // given a file using every supported AWS::Lambda::EventSourceMapping property
        TributaryConfig config = TributaryConfig.load(Path.of("src/test/resources/config/every-mapping-key.yaml"));

        // then
        assertThat(config.eventSourceMappings()).hasSize(2);
        assertThat(config.eventSourceMappings().get(0))
                .isEqualTo(new MappingRequest(
                        "arn:aws:lambda:eu-west-1:123456789012:function:f",
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/s",
                        false,
                        100,
                        5,
                        List.of(
                                "{\"data\":{\"kind\":[\"order\"]}}",
                                "{\"data\":{\"amount\":[{\"numeric\":[\">\",10]}]}}"),
                        List.of("ReportBatchItemFailures"),
                        null,
                        "AT_TIMESTAMP",
                        Instant.ofEpochMilli(1735689600500L),
                        2,
                        3600,
                        true,
                        2,
                        60,
                        "arn:aws:sqs:eu-west-1:123456789012:failures",
                        null,
                        Map.of("team", "payments")));
        assertThat(config.eventSourceMappings().get(1).maximumConcurrency()).isEqualTo(2);
        assertThat(config.eventSourceMappings().get(1).tags()).isEqualTo(Map.of("team", "orders"));
        assertThat(config.functions().get(0).arn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:f");
        assertThat(config.functions().get(0).executor().properties()).isEqualTo(Map.of("FunctionName", "remote-f"));
    }

    @Test
    void anEmptyFileMeansTheEmbeddedServerAndNothingElse() {
        TributaryConfig config = TributaryConfig.parse("# nothing yet\n", "empty.yaml");

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.accountId()).isEqualTo("000000000000");
        assertThat(config.sqs()).isEqualTo(SqsConfig.embeddedDefaults());
        assertThat(config.sqs().port()).isEqualTo(9324);
        assertThat(config.functions()).isEmpty();
        assertThat(config.eventSourceMappings()).isEmpty();
        assertThat(config.s3()).isEmpty();
        assertThat(config.sns()).isEmpty();
    }

    @Test
    void kinesisBlockReadsTheEndpointAndTheSameKeyPairAsTheOtherBlocks() {
        TributaryConfig config = TributaryConfig.parse(
                """
                Kinesis:
                  Endpoint: http://127.0.0.1:4567
                  AccessKeyId: test
                  SecretAccessKey: test-secret
                """,
                "t.yaml");

        assertThat(config.kinesis())
                .isEqualTo(new KinesisConfig(
                        Optional.of(URI.create("http://127.0.0.1:4567")),
                        Optional.of(new CredentialsConfig("test", "test-secret"))));
        assertThat(config.kinesis().credentials().orElseThrow().toString()).doesNotContain("test-secret");
        assertThat(TributaryConfig.parse("Region: us-east-1\n", "t.yaml").kinesis())
                .isEqualTo(KinesisConfig.awsDefaults());
    }

    @Test
    void destinationServiceBlocksAreReadAndAnEmptyBlockMeansAws() {
        TributaryConfig config = TributaryConfig.parse(
                """
                S3:
                  Endpoint: http://127.0.0.1:9000
                  AccessKeyId: local
                  SecretAccessKey: local-secret
                Sns:
                """,
                "t.yaml");

        assertThat(config.s3())
                .contains(new DestinationServiceConfig(
                        Optional.of(URI.create("http://127.0.0.1:9000")),
                        Optional.of(new CredentialsConfig("local", "local-secret"))));
        assertThat(config.sns()).contains(new DestinationServiceConfig(Optional.empty(), Optional.empty()));
        assertThat(TributaryConfig.parse("S3: {}\n", "t.yaml").s3())
                .contains(new DestinationServiceConfig(Optional.empty(), Optional.empty()));
    }

    @Test
    void embeddedPortStaticKeysAndCloudFormationStyleQueueAttributesAreRead() {
        TributaryConfig config = TributaryConfig.parse(
                """
                Sqs:
                  Port: 0
                  AccessKeyId: AKIDEXAMPLE
                  SecretAccessKey: wJalrXUtnFEMI
                  Queues:
                    - QueueName: jobs.fifo
                      FifoQueue: true
                      VisibilityTimeout: 45
                      RedrivePolicy: { deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:dlq.fifo", maxReceiveCount: 5 }
                      Attributes: { ContentBasedDeduplication: "true" }
                """,
                "t.yaml");

        assertThat(config.sqs().embedded()).isTrue();
        assertThat(config.sqs().port()).isZero();
        assertThat(config.sqs().credentials()).contains(new CredentialsConfig("AKIDEXAMPLE", "wJalrXUtnFEMI"));
        assertThat(config.sqs().credentials().orElseThrow().toString()).doesNotContain("wJalrXUtnFEMI");
        assertThat(config.sqs().queues().get(0).attributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "FifoQueue", "true",
                        "ContentBasedDeduplication", "true",
                        "VisibilityTimeout", "45",
                        "RedrivePolicy",
                                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq.fifo\","
                                        + "\"maxReceiveCount\":5}"));
    }

    @Test
    void theDemoIsOneQueueOneLoggingFunctionAndOneMapping() {
        TributaryConfig demo = TributaryConfig.demo();

        assertThat(demo.source()).isEqualTo("<built-in demo>");
        assertThat(demo.sqs().embedded()).isTrue();
        assertThat(demo.sqs().queues())
                .containsExactly(new QueueConfig("demo-queue", Map.of("VisibilityTimeout", "30")));
        assertThat(demo.functions()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("demo-logger");
            assertThat(f.executor())
                    .isEqualTo(new ExecutorConfig("java", Map.of("Handler", "io.tributary.app.demo.LogEventHandler")));
        });
        assertThat(demo.eventSourceMappings())
                .containsExactly(MappingRequest.of("demo-logger", "arn:aws:sqs:us-east-1:000000000000:demo-queue"));
    }

    @Test
    void relativeClasspathEntriesAreRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(
                dir.resolve("tributary.yaml"),
                "Functions:\n"
                        + "  - FunctionName: f\n"
                        + "    Executor: { Type: java, Handler: a.B, Classpath: [ lib/f.jar, \"jars/*\", /opt/x.jar ] }\n");

        TributaryConfig config = TributaryConfig.load(file);

        assertThat(config.functions().get(0).executor().properties().get("Classpath"))
                .isEqualTo(List.of(
                        dir.resolve("lib/f.jar").toString(),
                        dir.resolve("jars/*").toString(),
                        "/opt/x.jar"));
    }

    @Test
    void arnsAndKeysForErrorsFoundAfterParsing() {
        TributaryConfig config = TributaryConfig.load(Path.of("src/test/resources/config/issue-example.yaml"));

        assertThat(config.functionArn("x")).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:x");
        assertThat(config.queueArn("q")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");
        assertThat(config.functionKey("hello")).isEqualTo("Functions[1]");
        assertThat(config.mappingKey(0)).isEqualTo("EventSourceMappings[0]");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> TributaryConfig.load(missing))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(missing + ": (file): no such file");
    }

    @Test
    void aComponentsConfigErrorIsPlacedInTheFile() {
        var fromExecutor = new io.tributary.api.ConfigException("Executor.Url", "must be an http:// URL");

        ConfigFileException e = ConfigFileException.of("t.yaml", "Functions[2]", fromExecutor);

        assertThat(e).hasMessage("t.yaml: Functions[2].Executor.Url: must be an http:// URL");
        assertThat(e.key()).isEqualTo("Functions[2].Executor.Url");
        assertThat(e.problem()).isEqualTo("must be an http:// URL");
    }
}
