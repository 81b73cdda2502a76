package io.tributary.app.sqs;

import io.tributary.api.SourceException;
import io.tributary.connectors.sqs.SqsAdmin;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.elasticmq.CreateQueueData;
import org.elasticmq.ElasticMQError;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.ListQueues;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Lists and creates queues of the embedded server by asking ElasticMQ's queue manager in this process, for
 * {@link SqsAdmin} at start: the answers of {@code ListQueues} and of a {@code CreateQueue} with only a queue name,
 * without their HTTP round trips. A restart with 1,000 existing queues then needs no HTTP call (nor the first use of the
 * SDK's HTTP client: class loading and native start of the CRT client), and a first start creates 1,000 plain queues
 * without ~3 ms of CPU each in the SDK and pekko-http.
 *
 * <p>ElasticMQ's {@code CreateQueue} handler (1.7.1) turns a request without attributes and tags into exactly this
 * message: a {@link CreateQueueData} with the name, every optional setting empty (the queue manager applies the
 * defaults), not FIFO, no tags; its queue manager validates it and answers either the queue or an error.
 */
final class InProcessQueueAdmin implements SqsAdmin.InProcessQueues {
    private final ActorRef queueManager;
    private final URI endpoint;
    private final String accountId;

    InProcessQueueAdmin(ActorRef queueManager, URI endpoint, String accountId) {
        this.queueManager = Objects.requireNonNull(queueManager, "queueManager");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public Map<String, String> queueUrlsByName() {
        Seq<?> names = (Seq<?>) InProcessQueueConnector.ask(queueManager, new ListQueues(), "list its queues");
        Map<String, String> urls = new HashMap<>();
        for (Object name : CollectionConverters.asJava(names)) {
            urls.put((String) name, url((String) name));
        }
        return urls;
    }

    @Override
    public String createWithDefaults(String queueName) {
        CreateQueueData data = new CreateQueueData(
                queueName,
                Option.empty(),
                Option.empty(),
                Option.empty(),
                Option.empty(),
                Option.empty(),
                Option.empty(),
                false,
                false,
                CreateQueueData.apply$default$10(),
                CreateQueueData.apply$default$11(),
                CreateQueueData.apply$default$12());
        Either<?, ?> created = (Either<?, ?>)
                InProcessQueueConnector.ask(queueManager, new CreateQueue(data), "create queue " + queueName);
        if (created.isLeft()) {
            ElasticMQError error = (ElasticMQError) created.left().get();
            throw new SourceException(
                    "the embedded SQS server did not create queue " + queueName + ": " + error.message());
        }
        return url(queueName);
    }

    /** The URL ElasticMQ's ListQueues and CreateQueue answer for this server: {@code <endpoint>/<account>/<name>}. */
    private String url(String queueName) {
        return endpoint + "/" + accountId + "/" + queueName;
    }
}
