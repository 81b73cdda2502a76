package io.tributary.app.sqs;

import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceException;
import io.tributary.connectors.sqs.SqsQueueArn;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.QueueData;
import org.elasticmq.msg.GetQueueData;
import org.elasticmq.msg.LookupQueue;
import scala.Option;

/**
 * The SQS connector for the embedded server, with {@link #describe} answered by ElasticMQ's queue manager in this
 * process instead of two HTTP round trips ({@code GetQueueUrl}, {@code GetQueueAttributes}). Describing is what the
 * control plane does for every Create and Update and the runtime for every mapping it starts; at start-up with 1,000
 * mappings those were ~4,000 HTTP calls, each costing the SDK and pekko-http a few milliseconds of CPU. The answer is
 * the one the HTTP calls give: the queue's URL as ElasticMQ returns it, its {@code VisibilityTimeout} and whether it is
 * FIFO. Queues of another region or account, and {@link #open}, go to the HTTP connector.
 */
final class InProcessQueueConnector implements QueueConnector {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final ActorRef queueManager;
    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final QueueConnector http;

    InProcessQueueConnector(ActorRef queueManager, URI endpoint, String region, String accountId, QueueConnector http) {
        this.queueManager = Objects.requireNonNull(queueManager, "queueManager");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public boolean serves(String eventSourceArn) {
        return http.serves(eventSourceArn);
    }

    @Override
    public Optional<QueueDescription> describe(String queueArn) {
        Optional<SqsQueueArn> arn = SqsQueueArn.parse(queueArn);
        if (arn.isEmpty()
                || !arn.get().region().equals(region)
                || !arn.get().accountId().equals(accountId)) {
            return http.describe(queueArn); // its errors and answers, unchanged
        }
        String name = arn.get().queueName();
        Option<?> queue = (Option<?>) ask(queueManager, new LookupQueue(name), "describe queue " + queueArn);
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        QueueData data = (QueueData) ask((ActorRef) queue.get(), new GetQueueData(), "describe queue " + queueArn);
        Duration visibility = Duration.ofMillis(data.defaultVisibilityTimeout().millis());
        // Same URL as ElasticMQ's GetQueueUrl answers for this server: <endpoint>/<account>/<name>.
        String url = endpoint + "/" + accountId + "/" + name;
        return Optional.of(new QueueDescription(queueArn, url, data.isFifo(), visibility));
    }

    @Override
    public QueueSource open(QueueDescription queue) {
        return http.open(queue);
    }

    /** Asks in process; {@code what} completes "the embedded SQS server did not …" when it does not answer. */
    static Object ask(ActorRef actor, Object message, String what) {
        try {
            return Patterns.ask(actor, message, ASK_TIMEOUT)
                    .toCompletableFuture()
                    .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while waiting for the embedded SQS server to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SourceException("the embedded SQS server did not " + what + ": " + e, e);
        }
    }
}
