package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QueueWaitersTest {
    private final QueueWaiters waiters = new QueueWaiters();

    @Test
    void aSignalWakesEveryWaiterOfItsQueueOnly() {
        // given two waiters on "orders" and one on "refunds"
        CompletableFuture<Void> first = waiters.register("orders");
        CompletableFuture<Void> second = waiters.register("orders");
        CompletableFuture<Void> other = waiters.register("refunds");

        // when "orders" changes
        waiters.signal("orders");

        // then both its waiters are woken and forgotten, the other queue's waiter still waits
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(other).isNotDone();
        assertThat(waiters.waiting("orders")).isZero();
        assertThat(waiters.waiting("refunds")).isOne();
    }

    @Test
    void aCancelledWaiterIsForgottenAndNotWoken() {
        // given a waiter
        CompletableFuture<Void> waiter = waiters.register("orders");
        assertThat(waiters.waiting()).isOne();

        // when it is cancelled
        waiter.cancel(false);

        // then it is gone; a later signal does not revive it
        assertThat(waiters.waiting()).isZero();
        waiters.signal("orders");
        assertThat(waiter).isCancelled();
    }

    @Test
    void aWaiterRegisteredAfterASignalWaitsForTheNextOne() {
        waiters.signal("orders");

        CompletableFuture<Void> waiter = waiters.register("orders");

        assertThat(waiter).isNotDone();
        waiters.signal("orders");
        assertThat(waiter).isCompleted();
    }

    @Test
    void aQueueSeenEmptyStaysKnownEmptyUntilItChanges() {
        // given a queue seen fully empty at its current epoch
        long epoch = waiters.epoch("orders");
        assertThat(waiters.knownEmpty("orders", epoch)).isFalse();
        waiters.markEmpty("orders", epoch);

        // then it is known empty while nothing changes
        assertThat(waiters.knownEmpty("orders", waiters.epoch("orders"))).isTrue();

        // when it changes, it must be checked again
        waiters.signal("orders");
        assertThat(waiters.knownEmpty("orders", waiters.epoch("orders"))).isFalse();
    }

    @Test
    void anEmptyCheckOverTakenByAChangeDoesNotCount() {
        // given a check started at an epoch, and a change on the queue before the check's answer is recorded
        long epoch = waiters.epoch("orders");
        waiters.signal("orders");

        // when the (now outdated) answer says empty
        waiters.markEmpty("orders", epoch);

        // then the queue is not known empty
        assertThat(waiters.knownEmpty("orders", waiters.epoch("orders"))).isFalse();
    }
}
