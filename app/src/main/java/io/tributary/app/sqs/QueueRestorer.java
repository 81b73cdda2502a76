package io.tributary.app.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.ElasticMQError;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.RestoreMessages;
import org.elasticmq.persistence.CreateQueueMetadata;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Re-creates stored queues and their messages in ElasticMQ's queue manager, as ElasticMQ's own store does: for each
 * queue {@code CreateQueue} to the queue manager, then {@code RestoreMessages} to the new queue actor (which adds them
 * without reporting events, so nothing is written again). It never blocks a thread: the store actor stays free to
 * handle the {@code QueueCreated} events the queue manager sends meanwhile.
 *
 * <p>Unlike ElasticMQ's store, which asked for every queue at once with a 5 s timeout (a start failed on a loaded
 * machine with 1,000 queues), at most {@link #IN_FLIGHT} queues are restored at a time, each call with a generous
 * {@link #CALL_TIMEOUT}. And a queue's dead-letter queue (and its copy-to and move-to queues) is created first: the
 * queue manager looks the dead-letter queue's actor up when it creates a queue, and a queue created without it drops
 * messages that reach maxReceiveCount instead of moving them. The {@code CreateQueue} calls are sent in that order,
 * and the queue manager handles its mailbox in order.
 */
final class QueueRestorer {
    static final int IN_FLIGHT = 32;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Why a queue could not be restored. */
    record Failure(String queueName, String message) implements ElasticMQError {
        @Override
        public String toString() {
            return queueName + ": " + message;
        }
    }

    private final ActorRef queueManager;
    private final List<CreateQueueMetadata> queues;
    private final Map<String, List<InternalMessage>> messages;
    private final CompletableFuture<List<Failure>> done = new CompletableFuture<>();
    private final List<Failure> failures = new ArrayList<>();
    private int next;
    private int running;

    private QueueRestorer(
            ActorRef queueManager, List<CreateQueueMetadata> queues, Map<String, List<InternalMessage>> messages) {
        this.queueManager = queueManager;
        this.queues = queues;
        this.messages = messages;
    }

    /**
     * Restores {@code queues} with {@code messages} (by queue name); completes with the queues that failed, none when
     * all were restored. Never completes exceptionally.
     */
    static CompletionStage<List<Failure>> restore(
            ActorRef queueManager,
            Map<String, CreateQueueMetadata> queues,
            Map<String, List<InternalMessage>> messages) {
        QueueRestorer restorer = new QueueRestorer(queueManager, dependenciesFirst(queues), messages);
        restorer.launch(null);
        return restorer.done;
    }

    /** The queues ordered so that each comes after the stored queues it sends messages to. */
    static List<CreateQueueMetadata> dependenciesFirst(Map<String, CreateQueueMetadata> queues) {
        Map<String, CreateQueueMetadata> ordered = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (CreateQueueMetadata queue : queues.values()) {
            visit(queue, queues, ordered, visiting);
        }
        return new ArrayList<>(ordered.values());
    }

    private static void visit(
            CreateQueueMetadata queue,
            Map<String, CreateQueueMetadata> queues,
            Map<String, CreateQueueMetadata> ordered,
            Set<String> visiting) {
        // visiting breaks cycles (a dead-letter queue whose own dead-letter queue is the source): one of them then
        // misses the other's actor, as it would have in ElasticMQ.
        if (ordered.containsKey(queue.name()) || !visiting.add(queue.name())) {
            return;
        }
        List<String> targets = new ArrayList<>();
        if (queue.deadLettersQueue().isDefined()) {
            targets.add(queue.deadLettersQueue().get().name());
        }
        if (queue.copyMessagesTo().isDefined()) {
            targets.add(queue.copyMessagesTo().get());
        }
        if (queue.moveMessagesTo().isDefined()) {
            targets.add(queue.moveMessagesTo().get());
        }
        for (String target : targets) {
            CreateQueueMetadata dependency = queues.get(target);
            if (dependency != null) {
                visit(dependency, queues, ordered, visiting);
            }
        }
        ordered.put(queue.name(), queue);
    }

    /** Starts queues until {@link #IN_FLIGHT} run; {@code finished} is a queue that just finished, or null. */
    private synchronized void launch(Failure finished) {
        if (finished != null) {
            failures.add(finished);
        }
        while (running < IN_FLIGHT && next < queues.size()) {
            CreateQueueMetadata queue = queues.get(next++);
            running++;
            // Sent while holding the lock, so the queue manager gets the CreateQueue calls in the order above.
            restoreQueue(queue).whenComplete((failure, error) -> {
                synchronized (this) {
                    running--;
                }
                launch(failure != null ? failure : error == null ? null : new Failure(queue.name(), error.toString()));
            });
        }
        if (running == 0 && next == queues.size()) {
            done.complete(List.copyOf(failures));
        }
    }

    /** Completes with null when restored, or why not. */
    private CompletionStage<Failure> restoreQueue(CreateQueueMetadata queue) {
        CreateQueue create;
        try {
            create = new CreateQueue(queue.toCreateQueueData());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Failure(queue.name(), e.toString()));
        }
        return Patterns.ask(queueManager, create, CALL_TIMEOUT).thenCompose(reply -> {
            if (!(reply instanceof Either<?, ?> either) || either.isLeft()) {
                String why = reply instanceof Either<?, ?> e
                        ? String.valueOf(e.left().get())
                        : "unexpected reply " + reply;
                return CompletableFuture.completedFuture(new Failure(queue.name(), why));
            }
            List<InternalMessage> stored = messages.getOrDefault(queue.name(), List.of());
            if (stored.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            ActorRef queueActor = (ActorRef) either.toOption().get();
            return Patterns.ask(
                            queueActor,
                            new RestoreMessages(
                                    CollectionConverters.asScala(stored).toList()),
                            CALL_TIMEOUT)
                    .thenApply(ignored -> (Failure) null);
        });
    }
}
