package io.tributary.connectors.sqs;

import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS {@link QueueConnector}: describes queues by ARN and opens {@link SqsQueueSource}s on them. Owns one
 * {@link SqsAsyncClient} (AWS CRT HTTP client, sized for many concurrent long polls) that all its sources share; {@link #close()}
 * closes it.
 *
 * <p>Thread-safe.
 */
public final class SqsConnector implements QueueConnector, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsConnector.class);

    /** Bounds the synchronous calls ({@link #describe}, {@link SqsAdmin}) so a hung endpoint cannot stall startup. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final SqsSettings settings;
    private final SqsAsyncClient client;
    private final Clock clock;

    /**
     * Loads, ahead of time, what building a connector's client needs whatever the settings (the AWS CRT native library,
     * SDK classes), so a connector built afterwards starts faster: for a thread that would otherwise wait at start-up.
     * Optional; never throws.
     */
    public static void preloadClient() {
        SqsClients.preload();
    }

    /** A connector with its own client and the system clock. */
    public SqsConnector(SqsSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A connector with its own client; records are stamped {@code receivedAt} from {@code clock}. */
    public SqsConnector(SqsSettings settings, Clock clock) {
        this(settings, SqsClients.create(settings), clock);
    }

    /** A connector on a given client (tests add fault-injecting interceptors); {@link #close()} closes it. */
    SqsConnector(SqsSettings settings, SqsAsyncClient client, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SqsSettings settings() {
        return settings;
    }

    /** The ARN of {@code queueName} in the configured region and account. */
    public String queueArn(String queueName) {
        return settings.queueArn(queueName);
    }

    @Override
    public boolean serves(String eventSourceArn) {
        return eventSourceArn != null && eventSourceArn.startsWith("arn:aws:sqs:");
    }

    /**
     * Looks the queue up by name and reads its {@code VisibilityTimeout} and {@code FifoQueue} attributes.
     *
     * @return empty when SQS answers that the queue does not exist
     * @throws SourceException when the ARN is not an SQS queue ARN of this connector's region, the endpoint cannot be
     *     reached or SQS refuses the call
     */
    @Override
    public Optional<QueueDescription> describe(String queueArn) {
        SqsQueueArn arn =
                SqsQueueArn.parse(queueArn).orElseThrow(() -> new SourceException("not an SQS queue ARN: " + queueArn));
        if (!arn.region().equals(settings.region())) {
            throw new SourceException("queue " + queueArn + " is in region " + arn.region()
                    + " but the SQS connector is configured for region " + settings.region());
        }
        Optional<String> url = queueUrl(arn);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        GetQueueAttributesResponse attributes;
        try {
            attributes = await(
                    client.getQueueAttributes(r -> r.queueUrl(url.get())
                            .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.FIFO_QUEUE)),
                    "GetQueueAttributes",
                    queueArn);
        } catch (SourceException e) {
            if (SqsErrors.isQueueMissing(e.getCause())) {
                return Optional.empty(); // deleted between the two calls
            }
            throw e;
        }
        Map<QueueAttributeName, String> values = attributes.attributes();
        boolean fifo = Boolean.parseBoolean(values.getOrDefault(QueueAttributeName.FIFO_QUEUE, "false"));
        Duration visibility =
                Duration.ofSeconds(Long.parseLong(values.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30")));
        return Optional.of(new QueueDescription(queueArn, url.get(), fifo, visibility));
    }

    /** A source on the described queue; it shares this connector's client, so closing it closes nothing. */
    @Override
    public SqsQueueSource open(QueueDescription queue) {
        return new SqsQueueSource(client, settings, queue, clock);
    }

    /** Closes the client (and its HTTP connections). Sources opened from this connector stop working. */
    @Override
    public void close() {
        client.close();
        LOG.debug("SQS connector for {} closed", settings.endpointDescription());
    }

    SqsAsyncClient client() {
        return client;
    }

    /** The queue URL, or empty when the queue does not exist. */
    Optional<String> queueUrl(SqsQueueArn arn) {
        try {
            var response = await(
                    client.getQueueUrl(r -> {
                        r.queueName(arn.queueName());
                        // Only name another account when it differs: local servers may not support the parameter.
                        if (!arn.accountId().equals(settings.accountId())) {
                            r.queueOwnerAWSAccountId(arn.accountId());
                        }
                    }),
                    "GetQueueUrl",
                    arn.toString());
            return Optional.of(response.queueUrl());
        } catch (SourceException e) {
            if (e.getCause() != null && SqsErrors.isQueueMissing(e.getCause())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Waits for a call made at startup or from the control plane, where blocking is expected. */
    <T> T await(CompletableFuture<T> call, String action, String queue) {
        try {
            return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new SourceException("interrupted while calling SQS " + action + " on queue " + queue, e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new SourceException(
                    "SQS " + action + " on queue " + queue + " failed: cannot reach SQS at "
                            + settings.endpointDescription() + ": no answer within " + CALL_TIMEOUT.toSeconds() + " s",
                    e);
        } catch (Exception e) {
            throw SqsErrors.toSourceException(action, queue, settings, e);
        }
    }
}
