package io.tributary.app.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tributary.api.QueueConnector;
import io.tributary.api.TributaryException;
import io.tributary.connectors.sqs.SqsAdmin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.http.scaladsl.Http;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Either;

/**
 * An SQS-compatible server (ElasticMQ) inside the Tributary process, listening on 127.0.0.1, that keeps its queues
 * and messages in an H2 database under {@link #directory()}, so a restart loses nothing: queues come back with their
 * attributes (visibility timeout, redrive policy, FIFO, tags) and messages with their state (a message that was in
 * flight stays hidden until its visibility timeout ends, and keeps its receive count for the redrive policy).
 *
 * <p>The wiring is the one ElasticMQ's own server uses when {@code messages-storage} is enabled: an
 * {@link SqlQueuePersistenceActor} listens to every queue and message change, and before the HTTP port opens it
 * re-creates the stored queues and messages in the queue manager ({@code QueueEvent.Restore}). Clients therefore never
 * see a half-restored server. A {@link QueueEventTap} sits between the queues and that store: it passes every change on
 * and wakes the mappings parked on the changed queue ({@link #whenReceivable}, {@link ParkingQueueSource}).
 *
 * <p>One instance per JVM at a time: ElasticMQ's SQL store uses the JVM-wide default scalikejdbc connection pool.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long requests in flight at {@link #close()} may still run: ordinary SQS calls take milliseconds. */
    static final Duration REQUEST_DEADLINE = Duration.ofMillis(300);

    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final Path directory;
    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ActorRef queueManager;
    private final String region;
    private final String accountId;
    private final ReceivableQueues receivable;

    private EmbeddedSqs(
            Path directory,
            ActorSystem actorSystem,
            SQSRestServer server,
            int port,
            ActorRef queueManager,
            String region,
            String accountId,
            ReceivableQueues receivable) {
        this.directory = directory;
        this.actorSystem = actorSystem;
        this.server = server;
        this.port = port;
        this.queueManager = queueManager;
        this.region = region;
        this.accountId = accountId;
        this.receivable = receivable;
    }

    /**
     * {@code http} (the SQS connector on this server) with {@link QueueConnector#describe} answered by ElasticMQ in
     * this process instead of two HTTP round trips, for the control plane and the mapping runtime, which describe a
     * queue for every mapping they create or start (see {@link InProcessQueueConnector}).
     */
    public QueueConnector describingInProcess(QueueConnector http) {
        return new InProcessQueueConnector(queueManager, endpoint(), region, accountId, http);
    }

    /**
     * Lists this server's queues and creates plain ones in process, for {@link SqsAdmin} at start (see
     * {@link InProcessQueueAdmin}).
     */
    public SqsAdmin.InProcessQueues inProcessQueues() {
        return new InProcessQueueAdmin(queueManager, endpoint(), accountId);
    }

    /**
     * Starts the server, restoring what an earlier run stored in {@code directory} (created when missing).
     *
     * @param directory where queues and messages are stored, e.g. {@code <data-dir>/sqs}
     * @param port the port on 127.0.0.1, or 0 for any free port (see {@link #port()})
     * @param region the region in queue ARNs, e.g. {@code us-east-1}
     * @param accountId the account in queue ARNs and URLs, e.g. {@code 000000000000}
     * @throws TributaryException when the port is taken or the store cannot be opened (e.g. another process uses it)
     */
    public static EmbeddedSqs start(Path directory, int port, String region, String accountId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("an embedded SQS server is already running in this JVM");
        }
        Path dir = directory.toAbsolutePath().normalize();
        ActorSystem system = null;
        try {
            if (port != 0) {
                requirePortFree(port);
            }
            Files.createDirectories(dir);
            SqlQueuePersistenceConfig store = openStore(dir);
            system = ActorSystem.create("tributary-sqs", actorSystemConfig());
            ActorSystem sys = system;
            ActorRef persistence = sys.actorOf(Props.create(
                    SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(
                            store,
                            CollectionConverters.asScala(List.<CreateQueueMetadata>of())
                                    .toList())));
            // The queues report every change to the tap, which passes it on to the store and wakes parked mappings.
            QueueWaiters waiters = new QueueWaiters();
            ActorRef tap = sys.actorOf(QueueEventTap.props(persistence, waiters));
            ActorRef queueManager = sys.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(tap))));
            restore(persistence, queueManager, dir);
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(sys)
                    .withQueueManagerActor(queueManager)
                    .withInterface(HOST)
                    .withPort(port)
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            int boundPort = bind(server, port);
            EmbeddedSqs sqs = new EmbeddedSqs(
                    dir,
                    sys,
                    server,
                    boundPort,
                    queueManager,
                    region,
                    accountId,
                    new ReceivableQueues(queueManager, waiters));
            log.info(
                    "Embedded SQS server (ElasticMQ) listening on {}, storing queues and messages in {}",
                    sqs.endpoint(),
                    dir);
            return sqs;
        } catch (IOException e) {
            stopQuietly(system);
            throw new TributaryException("Cannot create the SQS data directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            stopQuietly(system);
            throw e;
        }
    }

    /** The endpoint for SQS clients, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port() {
        return port;
    }

    /** Where queues and messages are stored. */
    public Path directory() {
        return directory;
    }

    /**
     * Completes when a message of the queue may be receivable: at once when the queue holds any message (visible, in
     * flight or delayed: the last two become visible by time passing, which ElasticMQ reports to nobody), or when it
     * does not exist (a receive then reports the error); otherwise at the next change on the queue (a message sent or
     * moved there, the queue changed or deleted). A fully empty queue gets a receivable message only through such a
     * change, so a mapping that waits for this future before it long-polls misses nothing.
     *
     * <p>Cancel the future to stop waiting; it is then forgotten. Never completes exceptionally: when the queue cannot
     * be checked it completes at once, and the caller long-polls as without it.
     *
     * @param queueName the queue's name on this server
     */
    public CompletableFuture<Void> whenReceivable(String queueName) {
        return receivable.whenReceivable(queueName);
    }

    /** How many mappings wait on a change of {@code queueName} (tests). */
    int waiting(String queueName) {
        return receivable.waiting(queueName);
    }

    /**
     * Stops accepting requests, gives requests in flight {@link #REQUEST_DEADLINE} to finish, then stops ElasticMQ and
     * closes the store. Everything acknowledged to a client before is on disk (each change is written before ElasticMQ
     * answers). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Not server.stopAndWait(): it lets requests in flight run for up to a minute, and ElasticMQ keeps a
            // ReceiveMessage long poll open after its client gave up on it (the mappings' polls were cancelled when
            // they stopped), so every stop waited for those polls to run out: up to 20 s. After the unbind no new
            // request (and so no new message) arrives; what is still in flight gets REQUEST_DEADLINE, then a 503.
            Http.ServerBinding binding = server.waitUntilStarted();
            FutureConverters.asJava(binding.terminate(
                            FiniteDuration.create(REQUEST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)))
                    .toCompletableFuture()
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the embedded SQS server's HTTP listener");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Embedded SQS server did not stop its HTTP listener cleanly: {}", e.toString());
        }
        stopQuietly(actorSystem);
        log.info("Embedded SQS server on port {} stopped; queues and messages are kept in {}", port, directory);
    }

    private static SqlQueuePersistenceConfig openStore(Path dir) {
        // WRITE_DELAY=0: H2 writes each commit to the file before the call returns (by default it buffers up to
        // 500 ms), so a message SQS acknowledged survives a kill -9 of the process (MainProcessIT checks it).
        // DB_CLOSE_ON_EXIT=FALSE: H2 must not close the file from its own shutdown hook while our ordered shutdown
        // still lets in-flight batches finish and delete their messages; close() closes it last.
        String uri = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "sa", "", false);
        H2Pool.open(config);
        return config;
    }

    private static Config actorSystemConfig() {
        // The JVM shutdown hook of Pekko would stop ElasticMQ at SIGTERM in parallel with the mappings that still
        // finish their batches; Tributary stops it itself, last. Pekko logs through SLF4J like the rest.
        // The scheduler's thread wakes every tick even with nothing due (10 ms by default: 0.8 % of a core when
        // idle); every ElasticMQ queue also runs a 1-s timer (FIFO deduplication cleanup, standard queues too), and
        // a coarser tick fires those of many queues together. ElasticMQ's timers (long-poll ends, a waiting receive
        // retried when an in-flight message becomes visible) are then up to 100 ms late, well within what SQS promises.
        return ConfigFactory.parseString(
                        """
                        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                        pekko.coordinated-shutdown.terminate-actor-system = on
                        pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                        pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                        pekko.loglevel = WARNING
                        pekko.stdout-loglevel = OFF
                        pekko.log-dead-letters = off
                        pekko.log-dead-letters-during-shutdown = off
                        pekko.scheduler.tick-duration = 100ms
                        """)
                .withFallback(ConfigFactory.load(EmbeddedSqs.class.getClassLoader()));
    }

    private static void restore(ActorRef persistence, ActorRef queueManager, Path dir) {
        Object reply = await(
                Patterns.ask(persistence, new QueueEvent.Restore(queueManager), START_TIMEOUT)
                        .toCompletableFuture(),
                "restoring the stored queues from " + dir);
        if (reply instanceof Either<?, ?> either && either.isLeft()) {
            throw new TributaryException("Cannot restore the stored SQS queues from " + dir + ": " + either.left());
        }
    }

    /** Says what to do in words, where ElasticMQ would log two bind stack traces. */
    private static void requirePortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw portInUse(port, e);
        }
    }

    private static TributaryException portInUse(int port, Exception cause) {
        return new TributaryException(
                "Cannot start the embedded SQS server: port " + port + " on " + HOST + " is in use. Set Sqs.Port to"
                        + " another port, or Sqs.Endpoint to use a running SQS server",
                cause);
    }

    private static int bind(SQSRestServer server, int port) {
        try {
            return server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            throw portInUse(port, e);
        }
    }

    private static Object await(java.util.concurrent.CompletableFuture<Object> future, String what) {
        try {
            return future.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new TributaryException("Failed " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TributaryException("Timed out after " + START_TIMEOUT.toSeconds() + " s " + what, e);
        }
    }

    private static void stopQuietly(ActorSystem system) {
        try {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Embedded SQS actor system did not stop within {} s: {}", STOP_TIMEOUT.toSeconds(), e.toString());
        } finally {
            H2Pool.close();
            RUNNING.set(false);
        }
    }
}
