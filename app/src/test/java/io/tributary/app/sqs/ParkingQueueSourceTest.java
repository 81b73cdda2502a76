package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.Payload;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ParkingQueueSourceTest {
    private static final Duration LONG_POLL = Duration.ofSeconds(20);

    private final FakeQueueSource polling = new FakeQueueSource();
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private final ParkingQueueSource source = new ParkingQueueSource(polling, "orders", name -> {
        assertThat(name).isEqualTo("orders");
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        return waiter;
    });

    @Test
    void theFirstReceiveParksAndLongPollsOnlyOnceWoken() {
        // when the first receive is made
        CompletableFuture<List<SourceRecord>> received = source.receive(10, LONG_POLL);

        // then it waits without calling the server
        assertThat(waiters).hasSize(1);
        assertThat(polling.polls).isEmpty();

        // when the queue may hold a message, it long-polls for the rest of its wait and returns what it got
        waiters.get(0).complete(null);
        assertThat(polling.polls).hasSize(1);
        assertThat(polling.waits.get(0)).isBetween(Duration.ofSeconds(19), LONG_POLL);
        polling.polls.get(0).complete(List.of(record("m1")));
        assertThat(received.join()).extracting(SourceRecord::id).containsExactly("m1");
    }

    @Test
    void afterMessagesTheNextReceivePollsAtOnceAndAfterAnEmptyOneItParksAgain() {
        // given a receive that returned messages
        source.receive(10, LONG_POLL);
        waiters.get(0).complete(null);
        polling.polls.get(0).complete(List.of(record("m1")));

        // when the next receive is made, it polls without parking
        CompletableFuture<List<SourceRecord>> next = source.receive(10, LONG_POLL);
        assertThat(polling.polls).hasSize(2);
        assertThat(waiters).hasSize(1);

        // when that poll comes back empty, the receive after it parks
        polling.polls.get(1).complete(List.of());
        assertThat(next.join()).isEmpty();
        source.receive(10, LONG_POLL);
        assertThat(waiters).hasSize(2);
        assertThat(polling.polls).hasSize(2);
    }

    @Test
    void afterAnErrorTheNextReceivePollsAtOnceSoTheErrorIsReportedAsBefore() {
        source.receive(10, LONG_POLL);
        waiters.get(0).complete(null);
        polling.polls.get(0).completeExceptionally(new SourceException("queue does not exist"));

        source.receive(10, LONG_POLL);

        assertThat(polling.polls).hasSize(2);
        assertThat(waiters).hasSize(1);
    }

    @Test
    void aParkedReceiveEndsEmptyWhenItsWaitIsOverWithoutCallingTheServer() {
        // when a receive with a 1 s wait parks and nothing happens on the queue
        CompletableFuture<List<SourceRecord>> received = source.receive(10, Duration.ofSeconds(1));

        // then it returns no messages after its wait, forgets its waiter and never called the server
        await().atMost(Duration.ofSeconds(5)).until(received::isDone);
        assertThat(received.join()).isEmpty();
        assertThat(waiters.get(0)).isCancelled();
        assertThat(polling.polls).isEmpty();
    }

    @Test
    void cancellingAParkedReceiveForgetsItsWaiter() {
        CompletableFuture<List<SourceRecord>> received = source.receive(10, LONG_POLL);

        received.cancel(true);

        assertThat(waiters.get(0)).isCancelled();
        waiters.get(0).complete(null); // a late wake-up starts nothing
        assertThat(polling.polls).isEmpty();
    }

    @Test
    void cancellingAWokenReceiveCancelsItsLongPoll() {
        CompletableFuture<List<SourceRecord>> received = source.receive(10, LONG_POLL);
        waiters.get(0).complete(null);

        received.cancel(true);

        assertThat(polling.polls.get(0)).isCancelled();
    }

    @Test
    void aReceiveWithoutWaitPollsAtOnce() {
        source.receive(10, Duration.ZERO);

        assertThat(polling.polls).hasSize(1);
        assertThat(waiters).isEmpty();
    }

    @Test
    void aLongParkEndsOnAWholeSecondAndNeverAfterItsWait() {
        assertThat(ParkingQueueSource.parkedFor(LONG_POLL, 5_300)).isEqualTo(19_700);
        assertThat(ParkingQueueSource.parkedFor(LONG_POLL, 5_000)).isEqualTo(20_000);
        assertThat(ParkingQueueSource.parkedFor(Duration.ofSeconds(2), 5_999)).isEqualTo(1_001);
        assertThat(ParkingQueueSource.parkedFor(Duration.ofSeconds(1), 5_300)).isEqualTo(1_000);
    }

    @Test
    void releasedMessagesAreHandedToTheServer() {
        // when a stopping mapping releases messages it will not process
        source.release(List.of(record("m1"), record("m2"))).join();

        // then the polling source makes them visible again (not left to the visibility timeout)
        assertThat(polling.released).extracting(SourceRecord::id).containsExactly("m1", "m2");
    }

    private static SourceRecord record(String id) {
        return new SourceRecord(id, id + "-handle", null, Payload.utf8("{}"), Instant.EPOCH);
    }

    /** The long-polling source: each receive returns a future the test completes. */
    private static final class FakeQueueSource implements QueueSource {
        final List<CompletableFuture<List<SourceRecord>>> polls = new ArrayList<>();
        final List<Duration> waits = new ArrayList<>();
        final List<SourceRecord> released = new ArrayList<>();

        @Override
        public QueueDescription description() {
            return new QueueDescription(
                    "arn:aws:sqs:us-east-1:000000000000:orders",
                    "http://127.0.0.1/000000000000/orders",
                    false,
                    Duration.ofSeconds(30));
        }

        @Override
        public CompletableFuture<List<SourceRecord>> receive(int maxMessages, Duration waitTime) {
            CompletableFuture<List<SourceRecord>> poll = new CompletableFuture<>();
            polls.add(poll);
            waits.add(waitTime);
            return poll;
        }

        @Override
        public CompletableFuture<Void> delete(List<SourceRecord> records) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> release(List<SourceRecord> records) {
            released.addAll(records);
            return CompletableFuture.completedFuture(null);
        }
    }
}
