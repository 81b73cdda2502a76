package io.tributary.app.sqs;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.elasticmq.QueueData;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Left;
import scala.util.Right;

/**
 * The embedded SQS server's store: ElasticMQ's queue event listener (in place of its {@code SqlQueuePersistenceActor})
 * that writes every queue and message change to the {@link SqsDatabase}, and restores them at start.
 *
 * <p>Handles the events as ElasticMQ's store does, with the same replies: a queue actor asks about a message added,
 * updated or removed and answers its client only after the {@code OperationSuccessful} reply, so a message SQS
 * acknowledged is on disk. Queue changes ({@code QueueCreated}, {@code QueueDeleted}, {@code QueueMetadataUpdated})
 * are told, and the queue manager answers the client at once: they are written when this actor gets to them, which
 * {@link Flush} waits for. A queue change that changes nothing stored (the {@code QueueCreated} of every restored
 * queue) writes nothing.
 *
 * <p>Group commit: each event is written at once, in the open transaction, and its reply waits for the commit. The
 * first write after a commit sends this actor a {@link Commit}, which reaches it after every event already in its
 * mailbox: one commit then covers all of them (1,000 queues created in a burst cost a few commits, not 1,000), and a lone
 * event is committed right after it.
 *
 * <p>{@code QueueEvent.Restore(queueManager)} re-creates the stored queues and messages ({@link QueueRestorer}) and
 * answers {@code Right(OperationSuccessful)}, or {@code Left(errors)} naming the queues that failed.
 *
 * <p>The actor owns the database: it commits what is pending and closes it when it stops (with the actor system). A
 * failed write is logged and answered with a failure, so the client of a message operation gets no success; the actor
 * goes on. No handler lets an exception out: a restart would close the database (Pekko stops an actor to restart it).
 */
final class QueueStore extends AbstractActor {
    private static final Logger log = LoggerFactory.getLogger(QueueStore.class);

    /** Answered with {@link Flushed} once every event this actor got before it is written. */
    enum Flush {
        INSTANCE
    }

    enum Flushed {
        INSTANCE
    }

    /** Purges a queue's stored messages: ElasticMQ reports a purge to no listener (see {@link PurgeReportingQueue}). */
    record QueuePurged(String queueName) {}

    /** Commits the open transaction and sends the replies waiting for it. */
    private enum Commit {
        INSTANCE
    }

    private record Reply(ActorRef to, Object message) {}

    private interface Write {
        void run() throws SQLException;
    }

    private final SqsDatabase db;
    private final Path directory;
    /** What is stored of each queue, to skip writes that change nothing. */
    private final Map<String, CreateQueueMetadata> stored = new HashMap<>();
    /** Replies to send once the open transaction is committed. */
    private final List<Reply> replies = new ArrayList<>();

    private boolean commitPending;

    private QueueStore(SqsDatabase db, Path directory) {
        this.db = db;
        this.directory = directory;
    }

    static Props props(SqsDatabase db, Path directory) {
        return Props.create(QueueStore.class, () -> new QueueStore(db, directory));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(
                        QueueEvent.MessageAdded.class,
                        e -> onMessage(e.queueName(), () -> db.addMessage(e.queueName(), e.message())))
                .match(
                        QueueEvent.MessageUpdated.class,
                        e -> onMessage(e.queueName(), () -> db.updateMessage(e.queueName(), e.message())))
                .match(
                        QueueEvent.MessageRemoved.class,
                        e -> onMessage(e.queueName(), () -> db.removeMessage(e.queueName(), e.messageId())))
                .match(QueueEvent.QueueCreated.class, e -> putQueue(e.queue(), true))
                // Only a stored queue is updated (as ElasticMQ's store does): a queue actor may report a change it
                // handled just before the queue manager stopped it, after the queue was deleted.
                .match(QueueEvent.QueueMetadataUpdated.class, e -> putQueue(e.queue(), false))
                .match(
                        QueueEvent.QueueDeleted.class,
                        e -> onQueue("delete queue " + e.queueName(), () -> {
                            db.deleteQueue(e.queueName());
                            stored.remove(e.queueName());
                        }))
                .match(
                        QueuePurged.class,
                        e -> onQueue("purge queue " + e.queueName(), () -> db.purgeQueue(e.queueName())))
                .match(QueueEvent.Restore.class, e -> restore(e.queueManagerActor()))
                .match(Flush.class, e -> afterCommit(getSender(), Flushed.INSTANCE))
                .match(Commit.class, e -> commit())
                .build();
    }

    @Override
    public void postStop() {
        if (commitPending) {
            commit();
        }
        db.close();
    }

    private void putQueue(QueueData data, boolean created) {
        CreateQueueMetadata before = stored.get(data.name());
        if (!created && before == null) {
            return;
        }
        onQueue("store queue " + data.name(), () -> {
            CreateQueueMetadata queue = CreateQueueMetadata.from(data);
            if (queue.equals(before)) {
                return;
            }
            log.debug("Storing queue {}", queue);
            db.putQueue(queue);
            stored.put(queue.name(), queue);
        });
    }

    private void onQueue(String what, Write write) {
        try {
            write.run();
            scheduleCommit();
        } catch (SQLException | RuntimeException e) {
            log.error("The embedded SQS store could not {} in {}: {}", what, directory, e.toString(), e);
        }
    }

    /** A message change: the queue actor waits for the reply before it answers its client. */
    private void onMessage(String queueName, Write write) {
        try {
            // As ElasticMQ's store: a message of a queue it does not store (e.g. deleted meanwhile) is not written.
            if (stored.containsKey(queueName)) {
                write.run();
            }
            afterCommit(getSender(), OperationSuccessful$.MODULE$);
        } catch (SQLException | RuntimeException e) {
            log.error("The embedded SQS store could not write a message change in {}: {}", directory, e.toString(), e);
            getSender().tell(new Status.Failure(e), getSelf());
        }
    }

    private void afterCommit(ActorRef to, Object message) {
        replies.add(new Reply(to, message));
        scheduleCommit();
    }

    private void scheduleCommit() {
        if (!commitPending) {
            commitPending = true;
            getSelf().tell(Commit.INSTANCE, ActorRef.noSender());
        }
    }

    private void commit() {
        commitPending = false;
        List<Reply> waiting = List.copyOf(replies);
        replies.clear();
        try {
            db.commit();
            waiting.forEach(r -> r.to().tell(r.message(), getSelf()));
        } catch (SQLException | RuntimeException e) {
            log.error(
                    "The embedded SQS store could not write the latest changes to {}: {}", directory, e.toString(), e);
            waiting.forEach(r -> r.to().tell(new Status.Failure(e), getSelf()));
            resync();
        }
    }

    /** After a failed commit: forgets the writes and what they changed in {@link #stored}. */
    private void resync() {
        try {
            db.rollback();
            stored.clear();
            stored.putAll(db.queues());
        } catch (SQLException | RuntimeException e) {
            log.error("The embedded SQS store could not read {} again: {}", directory, e.toString(), e);
        }
    }

    private void restore(ActorRef queueManager) {
        ActorRef replyTo = getSender();
        long started = System.nanoTime();
        Map<String, CreateQueueMetadata> queues;
        Map<String, List<InternalMessage>> messages;
        try {
            queues = db.queues();
            messages = db.messages();
        } catch (SQLException | RuntimeException e) {
            log.error("The embedded SQS store could not read {}: {}", directory, e.toString(), e);
            replyTo.tell(new Status.Failure(e), getSelf());
            return;
        }
        stored.putAll(queues);
        int messageCount = messages.values().stream().mapToInt(List::size).sum();
        QueueRestorer.restore(queueManager, queues, messages).thenAccept(failures -> {
            if (failures.isEmpty()) {
                log.info(
                        "Restored {} queue(s) and {} message(s) from {} in {} ms",
                        queues.size(),
                        messageCount,
                        directory,
                        (System.nanoTime() - started) / 1_000_000);
                replyTo.tell(new Right<>(OperationSuccessful$.MODULE$), ActorRef.noSender());
            } else {
                replyTo.tell(new Left<>(CollectionConverters.asScala(failures).toList()), ActorRef.noSender());
            }
        });
    }
}
