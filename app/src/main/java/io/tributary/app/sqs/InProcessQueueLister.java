package io.tributary.app.sqs;

import io.tributary.connectors.sqs.SqsAdmin;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.elasticmq.msg.ListQueues;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Lists the queues of the embedded server by asking ElasticMQ's queue manager in this process, for {@link SqsAdmin} at
 * start: the answer of an HTTP {@code ListQueues} without its round trip, and without the first use of the SDK's HTTP
 * client (class loading and native start of the CRT client, ~0.5 s of a restart with 1,000 queues, all existing).
 */
final class InProcessQueueLister implements SqsAdmin.QueueLister {
    private final ActorRef queueManager;
    private final URI endpoint;
    private final String accountId;

    InProcessQueueLister(ActorRef queueManager, URI endpoint, String accountId) {
        this.queueManager = Objects.requireNonNull(queueManager, "queueManager");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public Map<String, String> queueUrlsByName() {
        Seq<?> names = (Seq<?>) InProcessQueueConnector.ask(queueManager, new ListQueues(), "(all)");
        Map<String, String> urls = new HashMap<>();
        for (Object name : CollectionConverters.asJava(names)) {
            // Same URL as ElasticMQ's ListQueues answers for this server: <endpoint>/<account>/<name>.
            urls.put((String) name, endpoint + "/" + accountId + "/" + name);
        }
        return urls;
    }
}
