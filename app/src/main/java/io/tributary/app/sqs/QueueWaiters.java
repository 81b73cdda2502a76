package io.tributary.app.sqs;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who waits for a change on which queue of the embedded server: a parked mapping registers a waiter for its queue,
 * and the queue event tap {@linkplain #signal wakes} every waiter of a queue when ElasticMQ reports a change there.
 *
 * <p>Per queue it also counts the changes (the <em>epoch</em>) and remembers the last epoch at which the queue was seen
 * fully empty (no visible, in-flight or delayed message). While no change has happened since, the queue is still
 * fully empty: a message only enters a queue through a change that ElasticMQ reports. This spares a statistics
 * request each time an idle mapping parks again.
 *
 * <p>Thread-safe: signals come from ElasticMQ's dispatcher threads, registrations from the mapping engine.
 */
final class QueueWaiters {

    private final ConcurrentMap<String, QueueState> queues = new ConcurrentHashMap<>();

    /**
     * Registers a waiter for the next change on {@code queueName}. Cancelling (or completing) the returned future
     * removes the waiter.
     */
    CompletableFuture<Void> register(String queueName) {
        Objects.requireNonNull(queueName, "queueName");
        QueueState state = state(queueName);
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        state.waiters.add(waiter);
        waiter.whenComplete((ok, error) -> state.waiters.remove(waiter));
        return waiter;
    }

    /**
     * Records a change on {@code queueName} and wakes its waiters. The epoch moves first, so a caller that registers
     * and then reads the epoch either sees the new epoch or is woken.
     */
    void signal(String queueName) {
        QueueState state = state(queueName);
        state.epoch.incrementAndGet();
        for (CompletableFuture<Void> waiter : state.waiters) {
            waiter.complete(null);
        }
    }

    /** How many changes {@code queueName} has seen; read it after {@link #register} and before checking the queue. */
    long epoch(String queueName) {
        return state(queueName).epoch.get();
    }

    /** Remembers that {@code queueName} was fully empty when checked after {@code epoch} was read. */
    void markEmpty(String queueName, long epoch) {
        state(queueName).emptyAt.accumulateAndGet(epoch, Math::max);
    }

    /** Whether {@code queueName} was seen fully empty and has not changed since ({@code epoch} is the current one). */
    boolean knownEmpty(String queueName, long epoch) {
        return state(queueName).emptyAt.get() == epoch;
    }

    /** The waiters registered on {@code queueName} right now. */
    int waiting(String queueName) {
        QueueState state = queues.get(queueName);
        return state == null ? 0 : state.waiters.size();
    }

    /** The waiters registered on any queue right now. */
    int waiting() {
        return queues.values().stream().mapToInt(s -> s.waiters.size()).sum();
    }

    private QueueState state(String queueName) {
        return queues.computeIfAbsent(queueName, name -> new QueueState());
    }

    private static final class QueueState {
        final Set<CompletableFuture<Void>> waiters = ConcurrentHashMap.newKeySet();
        final AtomicLong epoch = new AtomicLong();
        /** The epoch at which the queue was last seen fully empty; -1: never. */
        final AtomicLong emptyAt = new AtomicLong(-1);
    }
}
