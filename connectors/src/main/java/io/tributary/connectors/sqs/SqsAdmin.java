package io.tributary.connectors.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.SourceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;

/**
 * Creates the queues declared in the config file when they are missing, at start. Uses the client of the
 * {@link SqsConnector} it is given, so it talks to the same endpoint with the same credentials; it does not own it.
 *
 * <p>Blocking (calls are bounded by {@link SqsConnector#CALL_TIMEOUT}); meant for startup.
 */
public final class SqsAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(SqsAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Queues ensured at once at start-up. */
    static final int PARALLEL_CALLS = 8;
    /** ListQueues' largest page (MaxResults 1..1000). */
    private static final int LIST_PAGE = 1000;

    /**
     * An SQS server in this process (the embedded one), answering without an HTTP call what {@link #ensureQueues}
     * asks most. Called on the thread of {@link #ensureQueues} and on its worker threads.
     */
    public interface InProcessQueues {
        /**
         * Every queue by name, with its URL as {@code ListQueues} gives it.
         *
         * @throws SourceException when the queues cannot be listed: each declared queue is then looked up by name
         */
        Map<String, String> queueUrlsByName();

        /**
         * Creates a standard queue with no attribute and no tag, as {@code CreateQueue} with only the queue name does,
         * and returns its URL. Only asked for names made of letters, digits, {@code -} and {@code _} (at most 80).
         *
         * @throws SourceException when the server refuses (e.g. the queue was created meanwhile with other attributes)
         */
        String createWithDefaults(String queueName);
    }

    /** Names that every SQS server accepts as they are; other names are left to CreateQueue over HTTP to judge. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final SqsConnector connector;
    private final SqsAsyncClient client;
    /** {@code null}: every call over HTTP. */
    private final InProcessQueues inProcess;

    private final QueueAttributeCheck attributeCheck;

    /** Every call goes through the connector's client. */
    public SqsAdmin(SqsConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.client = connector.client();
        this.inProcess = null;
        this.attributeCheck = new QueueAttributeCheck(connector);
    }

    /**
     * Lists the queues, and creates those declared without attributes, through {@code inProcess} (the connector's
     * server, answering in this process); everything else (queues with attributes, looking up, comparing attributes)
     * goes through the connector's client. A restart with 1,000 existing queues then makes no HTTP call, and a first
     * start creates 1,000 plain queues without the ~3 ms of CPU each costs over HTTP (SDK and pekko-http).
     */
    public SqsAdmin(SqsConnector connector, InProcessQueues inProcess) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.client = connector.client();
        this.inProcess = Objects.requireNonNull(inProcess, "inProcess");
        this.attributeCheck = new QueueAttributeCheck(connector);
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
        Map<String, String> listed = queues.size() <= 1 ? null : listQueues();
        long existing = listed == null
                ? 0
                : queues.stream().filter(q -> listed.containsKey(q.queueName())).count();
        if (existing > 0) {
            LOG.info("{} of the {} declared SQS queues exist already", existing, queues.size());
        }
        ensureAll(queues, listed);
    }

    /**
     * Every queue of this account by name, with its URL: one {@code ListQueues} call per 1,000 queues, where asking for
     * each declared queue's URL was one round trip per queue (a restart with 1,000 queues spent ~3 s on them). A queue
     * missing from the answer is created at once (when it exists after all, CreateQueue's error sends it down the
     * looking-up path); a refused listing ({@code null}) leaves every queue to be looked up by name first.
     */
    private Map<String, String> listQueues() {
        try {
            return inProcess == null ? listOverHttp() : inProcess.queueUrlsByName();
        } catch (SourceException e) {
            LOG.debug("Cannot list the SQS queues ({}); each declared queue is looked up by name", e.getMessage());
            return null;
        }
    }

    /** One {@code ListQueues} call per 1,000 queues. */
    private Map<String, String> listOverHttp() {
        Map<String, String> urls = new HashMap<>();
        String token = null;
        do {
            String page = token;
            ListQueuesResponse response = connector.await(
                    client.listQueues(r -> r.maxResults(LIST_PAGE).nextToken(page)), "ListQueues", "(all)");
            for (String url : response.queueUrls()) {
                urls.put(url.substring(url.lastIndexOf('/') + 1), url);
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return urls;
    }

    private void ensureAll(List<QueueSpec> queues, Map<String, String> listed) {
        List<List<QueueSpec>> waves = waves(queues);
        if (queues.size() <= 1) {
            waves.forEach(wave -> wave.forEach(spec -> ensureQueue(spec, listed)));
            return;
        }
        // Each queue costs round trips (GetQueueUrl, CreateQueue) and a write in the SQS server: a config with 1,000
        // queues took ~45 s one after the other. Queues of one wave do not depend on each other, so they are ensured
        // PARALLEL_CALLS at a time; the waves keep dead-letter targets before the queues that name them.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_CALLS, queues.size()), task -> {
            Thread thread = new Thread(task, "tributary-sqs-admin");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<QueueSpec> wave : waves) {
                List<Future<?>> calls = new ArrayList<>(wave.size());
                for (QueueSpec spec : wave) {
                    calls.add(pool.submit(() -> ensureQueue(spec, listed)));
                }
                for (Future<?> call : calls) {
                    join(call); // in declaration order, so the first failing queue of the file is reported
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void join(Future<?> call) {
        try {
            call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while creating SQS queues", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SourceException("cannot create SQS queues: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The specs in waves: a queue is in a later wave than the declared dead-letter target its RedrivePolicy names
     * (SQS checks that the target exists), queues of one wave are independent. A cycle ends up in one last wave.
     */
    static List<List<QueueSpec>> waves(List<QueueSpec> queues) {
        // Linear per wave: the targets are parsed once and pending names counted, where comparing every pending spec
        // with every other (and removing a wave by equals) cost ~100 ms of a start with 1,000 queues.
        Map<QueueSpec, String> targets = new IdentityHashMap<>();
        for (QueueSpec spec : queues) {
            deadLetterTarget(spec).ifPresent(target -> targets.put(spec, target.queueName()));
        }
        List<QueueSpec> pending = new ArrayList<>(queues);
        List<List<QueueSpec>> waves = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map<String, Integer> pendingNames = new HashMap<>();
            pending.forEach(p -> pendingNames.merge(p.queueName(), 1, Integer::sum));
            List<QueueSpec> wave = new ArrayList<>();
            List<QueueSpec> later = new ArrayList<>();
            for (QueueSpec spec : pending) {
                String target = targets.get(spec);
                // another pending spec of that name (a queue naming itself does not wait for itself)
                int others = target == null
                        ? 0
                        : pendingNames.getOrDefault(target, 0)
                                - (spec.queueName().equals(target) ? 1 : 0);
                (others > 0 ? later : wave).add(spec);
            }
            if (wave.isEmpty()) { // a cycle of redrive policies: let SQS report it
                waves.add(List.copyOf(pending));
                break;
            }
            waves.add(wave);
            pending = later;
        }
        return waves;
    }

    /**
     * @param listed the queues of the account by name with their URLs, or {@code null} when they could not be listed:
     *     a listed queue needs no lookup, an unlisted one is created without one
     */
    private void ensureQueue(QueueSpec spec, Map<String, String> listed) {
        if (listed != null && listed.containsKey(spec.queueName())) {
            attributeCheck.warnIfDifferent(spec.queueName(), listed.get(spec.queueName()), withFifo(spec));
            return;
        }
        if (listed != null) {
            try {
                create(spec);
                return;
            } catch (SourceException e) {
                // Created meanwhile or not listed yet (ListQueues is eventually consistent on AWS), or refused: the
                // looking-up path below warns about an existing queue's attributes or reports the refusal.
                LOG.debug("Creating SQS queue {} failed ({}); looking it up", spec.queueName(), e.getMessage());
            }
        }
        String arn = connector.queueArn(spec.queueName());
        SqsQueueArn parsed = SqsQueueArn.parse(arn)
                .orElseThrow(() -> new SourceException("not a valid SQS queue name: " + spec.queueName()));
        Optional<String> existing = connector.queueUrl(parsed);
        if (existing.isPresent()) {
            attributeCheck.warnIfDifferent(spec.queueName(), existing.get(), withFifo(spec));
            return;
        }
        create(spec);
    }

    private void create(QueueSpec spec) {
        String arn = connector.queueArn(spec.queueName());
        Map<String, String> declared = withFifo(spec);
        String url;
        if (inProcess != null
                && declared.isEmpty()
                && PLAIN_NAME.matcher(spec.queueName()).matches()) {
            // What ElasticMQ's CreateQueue does for a request with only a valid name: its queue manager's CreateQueue.
            url = inProcess.createWithDefaults(spec.queueName());
            LOG.info("Created SQS queue {} ({}) with attributes {}", spec.queueName(), url, declared);
            return;
        }
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
