package io.tributary.connectors.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.SourceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Creates the queues declared in the config file when they are missing, at start. Uses the client of the
 * {@link SqsConnector} it is given, so it talks to the same endpoint with the same credentials; it does not own it.
 *
 * <p>Blocking (calls are bounded by {@link SqsConnector#CALL_TIMEOUT}); meant for startup.
 */
public final class SqsAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(SqsAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsConnector connector;
    private final SqsAsyncClient client;

    public SqsAdmin(SqsConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.client = connector.client();
    }

    /**
     * Creates each queue that does not exist yet, with its attributes; FIFO queues (names ending {@code .fifo}) get
     * {@code FifoQueue=true}. A queue named as another's dead-letter target in its {@code RedrivePolicy} is created
     * first, since SQS checks that the target exists. A queue that exists is left as it is; when its attributes
     * differ from the declared ones, a warning says which.
     *
     * @throws SourceException naming the queue and the AWS error when SQS refuses or cannot be reached
     */
    public void ensureQueues(List<QueueSpec> queues) {
        for (QueueSpec spec : dependenciesFirst(queues)) {
            ensureQueue(spec);
        }
    }

    private void ensureQueue(QueueSpec spec) {
        String arn = connector.queueArn(spec.queueName());
        SqsQueueArn parsed = SqsQueueArn.parse(arn)
                .orElseThrow(() -> new SourceException("not a valid SQS queue name: " + spec.queueName()));
        Optional<String> existing = connector.queueUrl(parsed);
        Map<String, String> declared = withFifo(spec);
        if (existing.isPresent()) {
            warnIfDifferent(spec.queueName(), existing.get(), declared);
            return;
        }
        String url;
        try {
            url = connector
                    .await(
                            client.createQueue(
                                    r -> r.queueName(spec.queueName()).attributesWithStrings(declared)),
                            "CreateQueue",
                            arn)
                    .queueUrl();
        } catch (SourceException e) {
            Optional<SqsQueueArn> target = deadLetterTarget(spec);
            if (target.isPresent() && e.getCause() != null && SqsErrors.isQueueMissing(e.getCause())) {
                // The only queue CreateQueue looks up is the redrive target; say so instead of "queue does not exist".
                throw new SourceException(
                        "cannot create SQS queue " + spec.queueName() + ": the dead-letter queue " + target.get()
                                + " named in its RedrivePolicy does not exist",
                        e.getCause());
            }
            throw e;
        }
        LOG.info("Created SQS queue {} ({}) with attributes {}", spec.queueName(), url, declared);
    }

    private static Map<String, String> withFifo(QueueSpec spec) {
        Map<String, String> attributes = new LinkedHashMap<>(spec.attributes());
        if (spec.fifo()) {
            attributes.putIfAbsent("FifoQueue", "true");
        }
        return attributes;
    }

    private void warnIfDifferent(String queueName, String url, Map<String, String> declared) {
        if (declared.isEmpty()) {
            LOG.info("SQS queue {} exists already ({})", queueName, url);
            return;
        }
        Map<String, String> actual = connector
                .await(
                        client.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(declared.keySet())),
                        "GetQueueAttributes",
                        connector.queueArn(queueName))
                .attributesAsStrings();
        List<String> differences = new ArrayList<>();
        declared.forEach((name, value) -> {
            String current = actual.get(name);
            if (!sameValue(value, current)) {
                differences.add(name + " is " + current + ", declared " + value);
            }
        });
        if (differences.isEmpty()) {
            LOG.info("SQS queue {} exists already ({}) with the declared attributes", queueName, url);
        } else {
            LOG.warn(
                    "SQS queue {} exists already ({}) and is left unchanged, but its attributes differ from the"
                            + " config file: {}",
                    queueName,
                    url,
                    String.join("; ", differences));
        }
    }

    /** Compares attribute values, JSON ones (RedrivePolicy, RedriveAllowPolicy) as JSON with numbers as text. */
    static boolean sameValue(String declared, String actual) {
        if (Objects.equals(declared, actual)) {
            return true;
        }
        if (declared == null || actual == null) {
            return false;
        }
        if (declared.strip().startsWith("{") && actual.strip().startsWith("{")) {
            try {
                return normalize(JSON.readTree(declared)).equals(normalize(JSON.readTree(actual)));
            } catch (Exception e) {
                return false;
            }
        }
        return declared.strip().equalsIgnoreCase(actual.strip());
    }

    private static Map<String, String> normalize(JsonNode node) {
        Map<String, String> fields = new HashMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }

    /** Orders the specs so that a dead-letter target comes before the queues that name it. */
    static List<QueueSpec> dependenciesFirst(List<QueueSpec> queues) {
        List<QueueSpec> pending = new ArrayList<>(queues);
        List<QueueSpec> ordered = new ArrayList<>(queues.size());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                QueueSpec spec = it.next();
                Optional<SqsQueueArn> target = deadLetterTarget(spec);
                boolean targetPending = target.isPresent()
                        && pending.stream()
                                .anyMatch(p -> p != spec
                                        && p.queueName().equals(target.get().queueName()));
                if (!targetPending) {
                    ordered.add(spec);
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) { // a cycle of redrive policies: let SQS report it
                ordered.addAll(pending);
                break;
            }
        }
        return ordered;
    }

    /** The RedrivePolicy's deadLetterTargetArn, if any. */
    static Optional<SqsQueueArn> deadLetterTarget(QueueSpec spec) {
        String policy = spec.attributes().get("RedrivePolicy");
        if (policy == null) {
            return Optional.empty();
        }
        try {
            JsonNode target = JSON.readTree(policy).get("deadLetterTargetArn");
            return target == null ? Optional.empty() : SqsQueueArn.parse(target.asText());
        } catch (Exception e) {
            return Optional.empty(); // not JSON: SQS will say what is wrong with it
        }
    }
}
