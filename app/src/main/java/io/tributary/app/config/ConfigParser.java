package io.tributary.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.api.ExecutorConfig;
import io.tributary.api.FunctionConfig;
import io.tributary.mapper.MappingRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads the config file's YAML into a {@link TributaryConfig}, failing on the first wrong key. */
final class ConfigParser {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> TOP_KEYS =
            Set.of("Region", "AccountId", "Sqs", "Kinesis", "S3", "Sns", "Functions", "EventSourceMappings");
    private static final Set<String> SQS_KEYS = Set.of("Endpoint", "Port", "AccessKeyId", "SecretAccessKey", "Queues");
    private static final Set<String> KINESIS_KEYS = Set.of("Endpoint", "AccessKeyId", "SecretAccessKey");
    private static final Set<String> DESTINATION_SERVICE_KEYS = KINESIS_KEYS;
    private static final Set<String> FUNCTION_KEYS =
            Set.of("FunctionName", "Timeout", "MemorySize", "Environment", "ReservedConcurrentExecutions", "Executor");
    private static final Map<String, String> FUNCTION_HINTS = Map.of(
            "Handler", "belongs under Executor (e.g. Executor: {Type: java, Handler: com.example.Handler})",
            "Code", "is not used: say where the function runs under Executor (docs/configuration.md)",
            "Runtime", "is not used: say where the function runs under Executor (docs/configuration.md)");

    // Lambda's rules for names and environment variable keys:
    // https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern ENVIRONMENT_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

    private final String source;
    /** Where relative paths in the file (a java executor's {@code Classpath}) start; null: the working directory. */
    private final Path baseDirectory;

    ConfigParser(String source) {
        this(source, null);
    }

    ConfigParser(String source, Path baseDirectory) {
        this.source = source;
        this.baseDirectory = baseDirectory;
    }

    TributaryConfig parse(String yaml) {
        ConfigNode root = new ConfigNode(source, "", readYaml(yaml));
        if (!root.present()) {
            return new TributaryConfig(
                    source,
                    TributaryConfig.DEFAULT_REGION,
                    TributaryConfig.DEFAULT_ACCOUNT_ID,
                    SqsConfig.embeddedDefaults(),
                    KinesisConfig.awsDefaults(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    List.of());
        }
        root.requireMapping(TOP_KEYS);
        String region = root.get("Region").present()
                ? root.get("Region").requiredString(REGION, "an AWS region name such as us-east-1")
                : TributaryConfig.DEFAULT_REGION;
        String accountId = accountId(root.get("AccountId"));
        SqsConfig sqs = sqs(root.get("Sqs"));
        KinesisConfig kinesis = kinesis(root.get("Kinesis"));
        Optional<DestinationServiceConfig> s3 = destinationService(root.get("S3"));
        Optional<DestinationServiceConfig> sns = destinationService(root.get("Sns"));
        List<FunctionConfig> functions = functions(root.get("Functions"), region, accountId);
        List<MappingRequest> mappings = new MappingParser(region, accountId, sqs.embedded(), functions)
                .mappings(root.get("EventSourceMappings"));
        return new TributaryConfig(source, region, accountId, sqs, kinesis, s3, sns, functions, mappings);
    }

    private JsonNode readYaml(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                throw yamlError(marked);
            }
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1
                    ? "(YAML)"
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
            throw new ConfigFileException(
                    source, where, "not valid YAML: " + problem.replace("Duplicate field", "duplicate key"));
        }
    }

    /** SnakeYAML's own words and positions: where it gave up, and what it was reading (e.g. a flow sequence). */
    private ConfigFileException yamlError(MarkedYAMLException e) {
        Mark at = e.getProblemMark();
        String problem = e.getProblem();
        if (e.getContext() != null && e.getContextMark() != null) {
            problem += " (" + e.getContext() + " started at line "
                    + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1) + ")";
        }
        return new ConfigFileException(
                source,
                "line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1),
                "not valid YAML: " + problem);
    }

    private static String accountId(ConfigNode node) {
        if (!node.present()) {
            return TributaryConfig.DEFAULT_ACCOUNT_ID;
        }
        String value = node.requiredString();
        if (!ACCOUNT_ID.matcher(value).matches()) {
            // Unquoted, YAML reads 000000000000 as the number 0 and the leading zeros are gone.
            throw node.error("must be 12 digits in quotes, e.g. \"000000000000\", got " + node.describe());
        }
        return value;
    }

    private static SqsConfig sqs(ConfigNode node) {
        if (!node.present()) {
            return SqsConfig.embeddedDefaults();
        }
        node.requireMapping(SQS_KEYS);
        Optional<URI> endpoint = node.get("Endpoint").string().map(text -> endpoint(node.get("Endpoint"), text));
        ConfigNode port = node.get("Port");
        if (endpoint.isPresent() && port.present()) {
            throw port.error("sets the port of the embedded SQS server, which does not run when Sqs.Endpoint is"
                    + " set: remove one of them");
        }
        int embeddedPort = port.integer(0, 65535).orElse(SqsConfig.DEFAULT_PORT);
        Optional<CredentialsConfig> credentials = credentials(node);
        List<QueueConfig> queues = new QueueParser().queues(node.get("Queues"));
        return new SqsConfig(endpoint, embeddedPort, credentials, queues);
    }

    /** {@code AccessKeyId} and {@code SecretAccessKey} of a block: both or neither. */
    private static Optional<CredentialsConfig> credentials(ConfigNode node) {
        ConfigNode keyId = node.get("AccessKeyId");
        ConfigNode secret = node.get("SecretAccessKey");
        if (keyId.present() != secret.present()) {
            throw (keyId.present() ? secret : keyId)
                    .error("is required when " + (keyId.present() ? keyId : secret).path()
                            + " is set (static keys come in pairs)");
        }
        return keyId.present()
                ? Optional.of(new CredentialsConfig(keyId.requiredString(), secret.requiredString()))
                : Optional.empty();
    }

    private static KinesisConfig kinesis(ConfigNode node) {
        if (!node.present()) {
            return KinesisConfig.awsDefaults();
        }
        node.requireMapping(KINESIS_KEYS);
        Optional<URI> endpoint = node.get("Endpoint").string().map(text -> endpoint(node.get("Endpoint"), text));
        return new KinesisConfig(endpoint, credentials(node));
    }

    /**
     * {@code S3} or {@code Sns}: absent = not served; written, even without a value ({@code S3:} or {@code S3: {}}) =
     * served, on AWS's endpoint unless {@code Endpoint} is set.
     */
    private static Optional<DestinationServiceConfig> destinationService(ConfigNode node) {
        if (!node.written()) {
            return Optional.empty();
        }
        if (!node.present()) {
            return Optional.of(new DestinationServiceConfig(Optional.empty(), Optional.empty()));
        }
        node.requireMapping(DESTINATION_SERVICE_KEYS);
        Optional<URI> endpoint = node.get("Endpoint").string().map(text -> endpoint(node.get("Endpoint"), text));
        return Optional.of(new DestinationServiceConfig(endpoint, credentials(node)));
    }

    private static URI endpoint(ConfigNode node, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw node.error("must be an http:// or https:// URL such as http://127.0.0.1:9324, got \"" + text + "\"");
    }

    private List<FunctionConfig> functions(ConfigNode node, String region, String accountId) {
        List<FunctionConfig> functions = new ArrayList<>();
        Map<String, String> declaredAt = new HashMap<>();
        for (ConfigNode item : node.items()) {
            item.requireMapping(FUNCTION_KEYS, FUNCTION_HINTS);
            ConfigNode nameNode = item.get("FunctionName");
            String name = nameNode.requiredString(FUNCTION_NAME, "1 to 64 letters, digits, hyphens or underscores");
            String earlier = declaredAt.putIfAbsent(name, item.path());
            if (earlier != null) {
                throw nameNode.error("duplicate function name \"" + name + "\" (also at " + earlier + ")");
            }
            Duration timeout = Duration.ofSeconds(
                    item.get("Timeout").integer(1, 900).orElse((int) FunctionConfig.DEFAULT_TIMEOUT.toSeconds()));
            int memory = item.get("MemorySize").integer(128, 10240).orElse(FunctionConfig.DEFAULT_MEMORY_MB);
            OptionalInt reserved = item.get("ReservedConcurrentExecutions")
                    .integer(0, Integer.MAX_VALUE)
                    .map(OptionalInt::of)
                    .orElse(OptionalInt.empty());
            functions.add(new FunctionConfig(
                    name,
                    TributaryConfig.functionArn(region, accountId, name),
                    timeout,
                    memory,
                    environment(item.get("Environment")),
                    reserved,
                    executor(item.get("Executor"), baseDirectory)));
        }
        return functions;
    }

    private static Map<String, String> environment(ConfigNode node) {
        if (!node.present()) {
            return Map.of();
        }
        node.requireMapping(Set.of("Variables"));
        Map<String, String> variables = new LinkedHashMap<>();
        node.get("Variables").entries().forEach((key, value) -> {
            if (!ENVIRONMENT_KEY.matcher(key).matches()) {
                throw value.error("is not a valid environment variable name: it must start with a letter and"
                        + " contain only letters, digits and underscores (at least 2 characters)");
            }
            variables.put(key, value.string().orElse(""));
        });
        return variables;
    }

    private static ExecutorConfig executor(ConfigNode node, Path baseDirectory) {
        if (!node.present()) {
            throw node.error("is required: it says what runs the function, e.g."
                    + " {Type: http, Url: \"http://127.0.0.1:8080/invoke\"} (docs/configuration.md)");
        }
        String type = node.get("Type").requiredString();
        Map<String, Object> properties = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (key.equals("Classpath") && baseDirectory != null) {
                properties.put(key, relativeTo(baseDirectory, value.plain()));
            } else if (!key.equals("Type")) {
                properties.put(key, value.plain());
            }
        });
        return new ExecutorConfig(type, properties);
    }

    /** A {@code Classpath} written in a config file means paths relative to that file, as in a CloudFormation template. */
    private static Object relativeTo(Path baseDirectory, Object classpath) {
        if (classpath instanceof String entry) {
            return resolve(baseDirectory, entry);
        }
        if (classpath instanceof List<?> entries) {
            List<Object> resolved = new ArrayList<>();
            for (Object entry : entries) {
                resolved.add(entry instanceof String path ? resolve(baseDirectory, path) : entry);
            }
            return resolved;
        }
        return classpath; // the executor reports the wrong type with the key
    }

    private static String resolve(Path baseDirectory, String entry) {
        if (entry.isBlank() || Path.of(entry.replace("*", "x")).isAbsolute()) {
            return entry;
        }
        return baseDirectory.resolve(entry).normalize().toString();
    }
}
