package io.tributary.app.sqs;

import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.elasticmq.actor.queue.QueueEvent;

/**
 * ElasticMQ's queue event listener in the embedded server: passes every event on to the store ({@link QueueStore}) unchanged
 * (with its sender, because the queue actors wait for the store's reply before they answer the client), and wakes the
 * mappings parked on the queue the event is about.
 *
 * <p>Which events wake: a message added (sent, moved to a dead-letter queue, or moved back by a redrive task) or
 * updated (received, its visibility changed), and the queue created, changed or deleted (a deleted queue wakes its
 * mapping, whose next receive then reports the error as before). A removed message wakes nobody: it cannot make
 * anything receivable. Messages that become visible by time passing (in flight, delayed) cause no event; the mappings
 * never park on a queue holding such messages (see {@link EmbeddedSqs#whenReceivable}).
 */
final class QueueEventTap extends AbstractActor {

    private final ActorRef store;
    private final QueueWaiters waiters;

    private QueueEventTap(ActorRef store, QueueWaiters waiters) {
        this.store = store;
        this.waiters = waiters;
    }

    static Props props(ActorRef store, QueueWaiters waiters) {
        return Props.create(QueueEventTap.class, () -> new QueueEventTap(store, waiters));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder().matchAny(this::onEvent).build();
    }

    private void onEvent(Object event) {
        store.forward(event, getContext());
        String queueName = wakingQueue(event);
        if (queueName != null) {
            waiters.signal(queueName);
        }
    }

    /** The queue whose parked mappings {@code event} wakes, or null. */
    static String wakingQueue(Object event) {
        if (event instanceof QueueEvent.MessageAdded added) {
            return added.queueName();
        } else if (event instanceof QueueEvent.MessageUpdated updated) {
            return updated.queueName();
        } else if (event instanceof QueueEvent.QueueDeleted deleted) {
            return deleted.queueName();
        } else if (event instanceof QueueEvent.QueueCreated created) {
            return created.queue().name();
        } else if (event instanceof QueueEvent.QueueMetadataUpdated updated) {
            return updated.queue().name();
        }
        return null;
    }
}
