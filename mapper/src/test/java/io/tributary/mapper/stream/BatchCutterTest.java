package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.api.StreamRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCutterTest {
    private static ShardRecord r(int seq, int bytes, Instant arrival) {
        return ShardRecord.of(new StreamRecord(
                String.valueOf(seq), "pk", arrival, Payload.utf8("\"" + "x".repeat(Math.max(0, bytes - 2)) + "\"")));
    }

    @Test
    void takes_at_most_batch_size() {
        List<ShardRecord> q = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            q.add(r(i, 10, Instant.EPOCH));
        }
        assertThat(BatchCutter.count(q, 4, 0, null)).isEqualTo(4);
        assertThat(BatchCutter.count(q, 100, 0, null)).isEqualTo(10);
    }

    @Test
    void stops_before_6_mb_but_sends_a_single_larger_record_alone() {
        List<ShardRecord> q =
                List.of(r(1, 3_000_000, Instant.EPOCH), r(2, 3_000_000, Instant.EPOCH), r(3, 3_000_000, Instant.EPOCH));
        assertThat(BatchCutter.count(q, 100, 0, null)).isEqualTo(2);
        assertThat(BatchCutter.count(q, 100, 300_000, null)).isEqualTo(1);
        assertThat(BatchCutter.count(List.of(r(1, 7_000_000, Instant.EPOCH)), 100, 0, null))
                .isEqualTo(1);
    }

    @Test
    void never_crosses_a_tumbling_window_boundary() {
        TumblingWindow window = new TumblingWindow(Duration.ofSeconds(60), "s", "arn", false);
        List<ShardRecord> q = List.of(
                r(1, 10, Instant.parse("2026-01-01T00:00:10Z")),
                r(2, 10, Instant.parse("2026-01-01T00:00:59Z")),
                r(3, 10, Instant.parse("2026-01-01T00:01:00Z")));
        assertThat(BatchCutter.count(q, 100, 0, window)).isEqualTo(2);
    }
}
