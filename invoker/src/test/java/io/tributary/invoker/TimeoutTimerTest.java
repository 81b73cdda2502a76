package io.tributary.invoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTimerTest {
    private final TimeoutTimer timer = new TimeoutTimer();

    @AfterEach
    void close() {
        timer.close();
    }

    @Test
    void aTimeoutQueuedBehindTheTickStillFiresWhenDue() {
        // given: the first timeout arms the tick (due in 1 s), the second is queued behind it
        AtomicBoolean first = new AtomicBoolean();
        AtomicBoolean second = new AtomicBoolean();
        timer.schedule(() -> first.set(true), TimeUnit.MILLISECONDS.toNanos(1_100));

        // when
        timer.schedule(() -> second.set(true), TimeUnit.MILLISECONDS.toNanos(50));

        // then: each fires when due, the earlier one first
        await().atMost(Duration.ofSeconds(1)).untilTrue(second);
        assertThat(first).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilTrue(first);
    }

    @Test
    void aCancelledTimeoutNeverFires() throws Exception {
        // given
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> timeout = timer.schedule(() -> fired.set(true), TimeUnit.MILLISECONDS.toNanos(100));

        // when
        timeout.cancel(false);

        // then: a later timeout fires, the cancelled one did not
        AtomicBoolean later = new AtomicBoolean();
        timer.schedule(() -> later.set(true), TimeUnit.MILLISECONDS.toNanos(200));
        await().atMost(Duration.ofSeconds(5)).untilTrue(later);
        assertThat(fired).isFalse();
    }

    @Test
    void aClosedTimerRefusesNewTimeouts() {
        // given
        timer.close();

        // when / then
        assertThatThrownBy(() -> timer.schedule(() -> {}, 1_000)).isInstanceOf(RejectedExecutionException.class);
    }
}
