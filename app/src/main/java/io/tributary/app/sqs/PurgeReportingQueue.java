package io.tributary.app.sqs;

import java.util.UUID;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.elasticmq.Limits;
import org.elasticmq.QueueData;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueActor;
import org.elasticmq.actor.reply.ReplyAction;
import org.elasticmq.msg.ClearQueue;
import org.elasticmq.msg.QueueMsg;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.reflect.ClassTag;

/**
 * An ElasticMQ queue actor that also reports a purge ({@code PurgeQueue}) to the queue event listener. ElasticMQ
 * clears the queue in memory and tells no one, so its own store brought purged messages back at the next start.
 */
final class PurgeReportingQueue extends QueueActor {

    PurgeReportingQueue(
            NowProvider nowProvider,
            QueueData queueData,
            Option<ActorRef> deadLetters,
            Option<ActorRef> copyTo,
            Option<ActorRef> moveTo,
            Option<ActorRef> listener) {
        super(nowProvider, queueData, deadLetters, copyTo, moveTo, listener);
    }

    /** Java cannot see that ElasticMQ's {@code ev} (its message class tag) satisfies both its Scala supertypes. */
    @Override
    @SuppressWarnings("rawtypes")
    public ClassTag ev() {
        return super.ev();
    }

    @Override
    public <T> ReplyAction<T> receiveAndReply(QueueMsg<T> msg) {
        ReplyAction<T> reply = super.receiveAndReply(msg);
        if (msg instanceof ClearQueue && queueEventListener().isDefined()) {
            // Told before the reply goes out, like ElasticMQ's queue events, so a flush after the purge covers it.
            queueEventListener()
                    .get()
                    .tell(new QueueStore.QueuePurged(queueData().name()), self());
        }
        return reply;
    }

    /** ElasticMQ's queue manager, creating {@link PurgeReportingQueue}s. */
    static final class Manager extends QueueManagerActor {
        Manager(NowProvider nowProvider, Limits limits, Option<ActorRef> listener) {
            super(nowProvider, limits, listener);
        }

        /** Java cannot see that ElasticMQ's {@code ev} (its message class tag) satisfies both its Scala supertypes. */
        @Override
        @SuppressWarnings("rawtypes")
        public ClassTag ev() {
            return super.ev();
        }

        static Props props(NowProvider nowProvider, Limits limits, ActorRef listener) {
            return Props.create(Manager.class, () -> new Manager(nowProvider, limits, Option.apply(listener)));
        }

        /** As ElasticMQ's: the actors of the queues this one sends messages to are looked up now. */
        @Override
        public ActorRef createQueueActor(NowProvider now, QueueData queueData, Option<ActorRef> listener) {
            Option<ActorRef> deadLetters = queueData.deadLettersQueue().isDefined()
                    ? actorOf(queueData.deadLettersQueue().get().name())
                    : Option.empty();
            Option<ActorRef> copyTo = queueData.copyMessagesTo().isDefined()
                    ? actorOf(queueData.copyMessagesTo().get())
                    : Option.empty();
            Option<ActorRef> moveTo = queueData.moveMessagesTo().isDefined()
                    ? actorOf(queueData.moveMessagesTo().get())
                    : Option.empty();
            // A random suffix, as ElasticMQ: a queue re-created under the same name may meet its stopping predecessor.
            String name = "queue-" + queueData.name() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            return context()
                    .actorOf(
                            Props.create(
                                    PurgeReportingQueue.class,
                                    () -> new PurgeReportingQueue(
                                            now, queueData, deadLetters, copyTo, moveTo, listener)),
                            name);
        }

        private Option<ActorRef> actorOf(String queueName) {
            return queues().get(queueName).map(q -> q.actorRef());
        }
    }
}
