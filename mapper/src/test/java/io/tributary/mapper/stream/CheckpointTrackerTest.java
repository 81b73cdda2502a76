package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTrackerTest {
    private static ShardRecord r(String seq) {
        return ShardRecord.of(new StreamRecord(seq, "pk", Instant.EPOCH, Payload.utf8("{}")));
    }

    @Test
    void advances_only_over_the_contiguous_done_prefix() {
        CheckpointTracker tracker = new CheckpointTracker();
        ShardRecord a = r("1"), b = r("2"), c = r("3");
        List.of(a, b, c).forEach(tracker::add);

        tracker.markDone(List.of(b, c));
        assertThat(tracker.advance()).isEmpty();

        tracker.markDone(List.of(a));
        assertThat(tracker.advance()).contains("3");
        assertThat(tracker.allDone()).isTrue();
    }

    @Test
    void compares_sequence_numbers_as_numbers() {
        CheckpointTracker tracker = new CheckpointTracker();
        ShardRecord big = r("49590338271490256608559692538361571095921575989136588898");
        tracker.add(big);
        tracker.markDone(List.of(r("49590338271490256608559692538361571095921575989136588898")));

        assertThat(tracker.advance()).contains(big.sequenceNumber());
    }
}
