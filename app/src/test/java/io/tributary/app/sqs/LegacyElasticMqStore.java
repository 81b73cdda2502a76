package io.tributary.app.sqs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.GetAllMessages;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's own SQS server with its own SQL store ({@link SqlQueuePersistenceActor}, a table per queue) on the H2
 * file of an embedded server's directory: what Tributary wrote before its {@link QueueStore}, for the migration test.
 */
final class LegacyElasticMqStore implements AutoCloseable {
    private final ActorSystem system;
    private final SQSRestServer server;
    private final ActorRef persistence;

    private LegacyElasticMqStore(ActorSystem system, SQSRestServer server, ActorRef persistence) {
        this.system = system;
        this.server = server;
        this.persistence = persistence;
    }

    /** Starts it on {@code dir}, with the H2 URL Tributary used then. */
    static LegacyElasticMqStore start(Path dir) {
        String uri = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "sa", "", false);
        // ElasticMQ's store writes through scalikejdbc's JVM-wide default pool (the old H2Pool did this).
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(uri, "sa", "", settings, pools.singleton$default$5(uri, "sa", "", settings));
        ActorSystem system = ActorSystem.create("legacy-sqs");
        ActorRef persistence = system.actorOf(Props.create(
                SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(
                        config,
                        CollectionConverters.asScala(List.<CreateQueueMetadata>of())
                                .toList())));
        ActorRef queueManager = system.actorOf(Props.create(
                QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(persistence))));
        SQSRestServer server = SQSRestServerBuilder.withActorSystem(system)
                .withQueueManagerActor(queueManager)
                .withInterface("127.0.0.1")
                .withPort(0)
                .withAWSRegion("us-east-1")
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
        return new LegacyElasticMqStore(system, server, persistence);
    }

    URI endpoint() {
        return URI.create(
                "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
    }

    /**
     * Waits until the store wrote what it was told before: its queue writes are told, not awaited, and a round trip
     * through its mailbox (reading the messages of {@code storedQueue}, a queue it knows) comes after them.
     */
    void awaitWritten(String storedQueue) throws Exception {
        Patterns.ask(persistence, new GetAllMessages(storedQueue), Duration.ofSeconds(10))
                .toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        server.stopAndWait();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ConnectionPool$.MODULE$.close(ConnectionPool$.MODULE$.DEFAULT_NAME());
    }
}
