package io.tributary.app.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tributary.api.TributaryException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For {@link EmbeddedSqs}: the Pekko actor system ElasticMQ runs in (its config), waiting for an actor's answer, and
 * stopping the system. Logs under {@link EmbeddedSqs}'s logger, where these lines always were.
 */
final class EmbeddedSqsActors {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);

    private EmbeddedSqsActors() {}

    /** A new actor system for the embedded server, configured by {@link #config()}. */
    static ActorSystem create() {
        return ActorSystem.create("tributary-sqs", config());
    }

    static Config config() {
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

    /**
     * The answer of an ask, waiting a second longer than the ask's own {@code timeout}.
     *
     * @param what what is being done, in words, e.g. {@code "restoring the stored queues from <dir>"}
     * @throws TributaryException naming {@code what} when it fails, times out or is interrupted
     */
    static Object await(CompletableFuture<Object> future, String what, Duration timeout) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new TributaryException("Failed " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TributaryException("Timed out after " + timeout.toSeconds() + " s " + what, e);
        }
    }

    /** Terminates {@code system} (when not {@code null}) and waits up to {@code timeout}; warns when it did not stop. */
    static void stop(ActorSystem system, Duration timeout) {
        try {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Embedded SQS actor system did not stop within {} s: {}", timeout.toSeconds(), e.toString());
        }
    }
}
