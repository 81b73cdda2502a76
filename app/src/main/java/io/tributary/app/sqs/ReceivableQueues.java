package io.tributary.app.sqs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.QueueStatistics;
import org.elasticmq.msg.GetQueueStatistics;
import org.elasticmq.msg.LookupQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Tells a parked mapping when its queue on the embedded server may hold a receivable message: registers a waiter with
 * {@link QueueWaiters} and checks the queue in process (ElasticMQ's queue statistics). See
 * {@link EmbeddedSqs#whenReceivable}.
 *
 * <p>Thread-safe.
 */
final class ReceivableQueues {
    private static final Logger log = LoggerFactory.getLogger(ReceivableQueues.class);
    /** Bounds the in-process check of a queue before a mapping parks on it. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Runs the step after an answer on the actor thread that answered: the steps only send another ask or complete a
     * future. Pekko's futures run their non-async callbacks on CompletableFuture's default executor, which on 2 cores
     * is a new thread per callback: 1,000 threads for the mappings parking at start.
     */
    private static final Executor ON_ANSWER = Runnable::run;

    private final ActorRef queueManager;
    private final QueueWaiters waiters;

    ReceivableQueues(ActorRef queueManager, QueueWaiters waiters) {
        this.queueManager = queueManager;
        this.waiters = waiters;
    }

    /** See {@link EmbeddedSqs#whenReceivable}. */
    CompletableFuture<Void> whenReceivable(String queueName) {
        // Register first, then check: a message added after the check wakes the waiter, one added before is counted.
        CompletableFuture<Void> waiter = waiters.register(queueName);
        long epoch = waiters.epoch(queueName);
        if (waiters.knownEmpty(queueName, epoch)) {
            return waiter;
        }
        Patterns.ask(queueManager, new LookupQueue(queueName), CHECK_TIMEOUT)
                .thenComposeAsync(
                        found -> {
                            Option<?> queue = (Option<?>) found;
                            if (queue.isEmpty()) {
                                return CompletableFuture.completedFuture(null);
                            }
                            return Patterns.ask(
                                    (ActorRef) queue.get(),
                                    new GetQueueStatistics(System.currentTimeMillis()),
                                    CHECK_TIMEOUT);
                        },
                        ON_ANSWER)
                .whenCompleteAsync(
                        (statistics, error) -> {
                            if (statistics instanceof QueueStatistics counts && isEmpty(counts)) {
                                waiters.markEmpty(queueName, epoch);
                            } else {
                                if (error != null) {
                                    log.debug(
                                            "Cannot check queue {} for messages ({}); polling it",
                                            queueName,
                                            error.toString());
                                }
                                waiter.complete(null);
                            }
                        },
                        ON_ANSWER);
        return waiter;
    }

    /** How many mappings wait on a change of {@code queueName}. */
    int waiting(String queueName) {
        return waiters.waiting(queueName);
    }

    private static boolean isEmpty(QueueStatistics counts) {
        return counts.approximateNumberOfVisibleMessages() == 0
                && counts.approximateNumberOfInvisibleMessages() == 0
                && counts.approximateNumberOfMessagesDelayed() == 0;
    }
}
