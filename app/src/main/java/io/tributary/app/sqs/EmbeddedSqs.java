package io.tributary.app.sqs;

import io.tributary.api.QueueConnector;
import io.tributary.api.TributaryException;
import io.tributary.connectors.sqs.SqsAdmin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Either;

/**
 * An SQS-compatible server (ElasticMQ) inside the Tributary process, listening on 127.0.0.1, that keeps its queues
 * and messages in an H2 database under {@link #directory()}, so a restart loses nothing: queues come back with their
 * attributes (visibility timeout, redrive policy, FIFO, tags) and messages with their state (a message that was in
 * flight stays hidden until its visibility timeout ends, and keeps its receive count for the redrive policy).
 *
 * <p>The wiring is the one ElasticMQ's own server uses when {@code messages-storage} is enabled, with Tributary's
 * {@link QueueStore} in place of ElasticMQ's SQL store (two tables instead of one per queue, see {@link SqsDatabase}):
 * the store listens to every queue and message change, and before the HTTP port opens it re-creates the stored queues
 * and messages in the queue manager ({@code QueueEvent.Restore}). Clients therefore never see a half-restored server.
 * A {@link QueueEventTap} sits between the queues and that store: it passes every change on and wakes the mappings
 * parked on the changed queue ({@link #whenReceivable}, {@link ParkingQueueSource}).
 *
 * <p>What is durable when: a message change (sent, received, deleted) is on disk before ElasticMQ answers the request;
 * a queue change (created, attributes set, deleted, purged) is answered at once and written moments later, so it is on
 * disk after {@link #flush()} or a clean {@link #close()}, and may be missing after a {@code kill -9} right after it.
 *
 * <p>One instance per JVM at a time (the H2 file is opened once; a second server in the JVM is almost surely a bug).
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);
    /** The interface the server listens on: this machine only. */
    static final String HOST = "127.0.0.1";
    /** Restoring many queues on a loaded machine: each call within it has its own 30 s ({@link QueueRestorer}). */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #flush()} (and so {@link #close()}) waits for the store to write what it was told. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    /** How long requests in flight at {@link #close()} may still run: ordinary SQS calls take milliseconds. */
    static final Duration REQUEST_DEADLINE = Duration.ofMillis(300);

    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private final Path directory;
    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ActorRef queueManager;
    private final ActorRef eventTap;
    private final String region;
    private final String accountId;
    private final ReceivableQueues receivable;

    private EmbeddedSqs(
            Path directory,
            ActorSystem actorSystem,
            SQSRestServer server,
            int port,
            ActorRef queueManager,
            ActorRef eventTap,
            String region,
            String accountId,
            ReceivableQueues receivable) {
        this.directory = directory;
        this.actorSystem = actorSystem;
        this.server = server;
        this.port = port;
        this.queueManager = queueManager;
        this.eventTap = eventTap;
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
        SqsDatabase db = null;
        try {
            if (port != 0) {
                EmbeddedSqsPort.requireFree(port);
            }
            Files.createDirectories(dir);
            // Opened here, not in the actor: a locked or broken file must fail the start with its reason.
            db = SqsDatabase.open(dir);
            system = EmbeddedSqsActors.create();
            ActorSystem sys = system;
            ActorRef store = sys.actorOf(QueueStore.props(db, dir), "store");
            db = null; // the store owns it now and closes it when the actor system stops
            // The queues report every change to the tap, which passes it on to the store and wakes parked mappings.
            QueueWaiters waiters = new QueueWaiters();
            ActorRef tap = sys.actorOf(QueueEventTap.props(store, waiters));
            ActorRef queueManager =
                    sys.actorOf(PurgeReportingQueue.Manager.props(new NowProvider(), StrictSQSLimits$.MODULE$, tap));
            restore(store, queueManager, dir);
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(sys)
                    .withQueueManagerActor(queueManager)
                    .withInterface(HOST)
                    .withPort(port)
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            int boundPort = EmbeddedSqsPort.bound(server, port);
            EmbeddedSqs sqs = new EmbeddedSqs(
                    dir,
                    sys,
                    server,
                    boundPort,
                    queueManager,
                    tap,
                    region,
                    accountId,
                    new ReceivableQueues(queueManager, waiters));
            log.info(
                    "Embedded SQS server (ElasticMQ) listening on {}, storing queues and messages in {}",
                    sqs.endpoint(),
                    dir);
            return sqs;
        } catch (IOException e) {
            stopQuietly(system, db);
            throw new TributaryException("Cannot create the SQS data directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            stopQuietly(system, db);
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
     * Waits until every queue and message change ElasticMQ made before this call is written to disk. Message changes
     * already are when the request that made them was answered; queue changes (a queue created, its attributes or tags
     * set, deleted or purged) are answered at once and written moments later: after this call returns, they survive a
     * {@code kill -9} too. E.g. the start-up calls it after creating the configuration's queues.
     *
     * @throws TributaryException when the store did not get there within {@link #FLUSH_TIMEOUT}
     */
    public void flush() {
        try {
            // Through the tap, which forwards in order what the queues told it before: the flush comes after them.
            Patterns.ask(eventTap, QueueStore.Flush.INSTANCE, FLUSH_TIMEOUT)
                    .toCompletableFuture()
                    .get(FLUSH_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException(
                    "Interrupted while writing the embedded SQS server's changes to " + directory, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TributaryException(
                    "The embedded SQS store did not write the latest queue changes to " + directory + " within "
                            + FLUSH_TIMEOUT.toSeconds() + " s",
                    e);
        }
    }

    /**
     * Stops accepting requests, gives requests in flight {@link #REQUEST_DEADLINE} to finish, waits until the store has
     * written every change ({@link #flush()}, at most {@link #FLUSH_TIMEOUT}), then stops ElasticMQ and closes the
     * store. Everything acknowledged to a client before, queues included, is then on disk. Idempotent.
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
        // Queue changes are told to the store, not waited for: without this, stopping the actor system dropped those
        // still in its mailbox (a first start creating 1,000 queues, stopped 8 s after "ready", kept ~650 of them).
        try {
            flush();
        } catch (TributaryException e) {
            log.warn("{}; the queue changes not written yet are lost", e.getMessage());
        }
        stopQuietly(actorSystem, null);
        log.info("Embedded SQS server on port {} stopped; queues and messages are kept in {}", port, directory);
    }

    private static void restore(ActorRef store, ActorRef queueManager, Path dir) {
        Object reply = EmbeddedSqsActors.await(
                Patterns.ask(store, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                        .toCompletableFuture(),
                "restoring the stored queues from " + dir,
                RESTORE_TIMEOUT);
        if (reply instanceof Either<?, ?> either && either.isLeft()) {
            throw new TributaryException("Cannot restore the stored SQS queues from " + dir + ": "
                    + either.left().get());
        }
    }

    private static void stopQuietly(ActorSystem system, SqsDatabase unownedDb) {
        try {
            EmbeddedSqsActors.stop(system, STOP_TIMEOUT);
        } finally {
            // The store closes the database when it stops; one not handed to a store yet is closed here.
            if (unownedDb != null) {
                unownedDb.close();
            }
            RUNNING.set(false);
        }
    }
}
