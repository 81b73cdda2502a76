package io.tributary.app.config;

import io.tributary.api.FunctionConfig;
import io.tributary.mapper.MappingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated config file: everything Tributary needs to start. Keys follow CloudFormation's property names; see
 * {@code docs/configuration.md}.
 *
 * @param source the file as the user named it (or {@code <built-in demo>}), for error messages
 * @param region {@code Region}, used in every ARN (default {@code us-east-1})
 * @param accountId {@code AccountId}, used in every ARN (default {@code 000000000000})
 * @param sqs the {@code Sqs} block
 * @param kinesis the {@code Kinesis} block
 * @param s3 the {@code S3} block; empty when absent (S3 on-failure destinations are then not served)
 * @param sns the {@code Sns} block; empty when absent (SNS on-failure destinations are then not served)
 * @param functions {@code Functions}, with their ARNs and Lambda's defaults applied; names are unique
 * @param eventSourceMappings {@code EventSourceMappings} as CreateEventSourceMapping requests, in file order; each
 *     names a declared function. AWS's per-source rules (e.g. SQS's batch size limits) are checked when the mapping
 *     service creates them: report its errors with {@link #mappingKey(int)}
 */
public record TributaryConfig(
        String source,
        String region,
        String accountId,
        SqsConfig sqs,
        KinesisConfig kinesis,
        Optional<DestinationServiceConfig> s3,
        Optional<DestinationServiceConfig> sns,
        List<FunctionConfig> functions,
        List<MappingRequest> eventSourceMappings) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    /** The {@link #source()} of {@link #demo()}. */
    public static final String DEMO_SOURCE = "<built-in demo>";

    public TributaryConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(kinesis, "kinesis");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(sns, "sns");
        functions = List.copyOf(functions);
        eventSourceMappings = List.copyOf(eventSourceMappings);
    }

    /**
     * Reads and validates a config file.
     *
     * @throws ConfigFileException when the file is missing, unreadable, not YAML, or a key is wrong
     */
    public static TributaryConfig load(Path file) {
        String source = file.toString();
        try {
            Path directory = file.toAbsolutePath().getParent();
            return new ConfigParser(source, directory).parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(source, "(file)", "no such file");
        } catch (IOException e) {
            throw new ConfigFileException(source, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Parses and validates config YAML.
     *
     * @param source names the YAML in error messages
     * @throws ConfigFileException when the YAML is malformed or a key is wrong
     */
    public static TributaryConfig parse(String yaml, String source) {
        return new ConfigParser(source).parse(yaml);
    }

    /**
     * The demo started by {@code tributary run} without {@code --config}: queue {@code demo-queue}, function
     * {@code demo-logger} (logs each message it gets) and a mapping between them, on the embedded SQS server.
     */
    public static TributaryConfig demo() {
        try (InputStream in = TributaryConfig.class.getResourceAsStream("/io/tributary/app/demo/demo.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo.yaml is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEMO_SOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read demo.yaml from the class path", e);
        }
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public String functionArn(String functionName) {
        return functionArn(region, accountId, functionName);
    }

    static String functionArn(String region, String accountId, String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>}. */
    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    /** Where a declared function sits in the file, e.g. {@code Functions[2]}, for errors found after parsing. */
    public String functionKey(String functionName) {
        for (int i = 0; i < functions.size(); i++) {
            if (functions.get(i).name().equals(functionName)) {
                return "Functions[" + i + "]";
            }
        }
        throw new IllegalArgumentException("no function " + functionName + " in " + source);
    }

    /** Where a mapping sits in the file, {@code EventSourceMappings[index]}, for errors found after parsing. */
    public String mappingKey(int index) {
        Objects.checkIndex(index, eventSourceMappings.size());
        return "EventSourceMappings[" + index + "]";
    }
}
