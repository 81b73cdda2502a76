package io.tributary.mapper.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.StreamPosition;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamMappingSettingsTest {

    @Test
    void applies_lambda_defaults_from_a_mapping() {
        EventSourceMapping m = new EventSourceMapping(
                "u",
                "fn",
                "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                SourceKind.KINESIS,
                100,
                0,
                null,
                List.of("ReportBatchItemFailures"),
                null,
                "TRIM_HORIZON",
                null,
                null,
                -1,
                null,
                null,
                null,
                null,
                null,
                MappingState.Enabled,
                null,
                Instant.EPOCH,
                null);

        StreamMappingSettings s = StreamMappingSettings.from(m);

        assertThat(s.startingPosition()).isEqualTo(StreamPosition.trimHorizon());
        assertThat(s.parallelizationFactor()).isEqualTo(1);
        assertThat(s.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(s.maximumRecordAge()).isNull();
        assertThat(s.reportBatchItemFailures()).isTrue();
        assertThat(s.tumblingWindow()).isZero();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejects_values_outside_aws_ranges() {
        assertThatThrownBy(() -> TestSettings.defaults().batchSize(10_001).build())
                .hasMessageContaining("BatchSize");
        assertThatThrownBy(() -> TestSettings.defaults().parallelization(11).build())
                .hasMessageContaining("ParallelizationFactor");
        assertThatThrownBy(() -> TestSettings.defaults().maxRetries(-2).build())
                .hasMessageContaining("MaximumRetryAttempts");
        assertThatThrownBy(() ->
                        TestSettings.defaults().maxAge(Duration.ofSeconds(59)).build())
                .hasMessageContaining("MaximumRecordAgeInSeconds");
        assertThatThrownBy(() -> TestSettings.defaults()
                        .tumblingWindow(Duration.ofSeconds(901))
                        .build())
                .hasMessageContaining("TumblingWindowInSeconds");
        assertThatThrownBy(() -> TestSettings.defaults()
                        .batchingWindow(Duration.ofSeconds(301))
                        .build())
                .hasMessageContaining("MaximumBatchingWindowInSeconds");
    }

    @Test
    void tumbling_windows_use_one_lane_per_shard() {
        assertThat(TestSettings.defaults().parallelization(4).build().lanes()).isEqualTo(4);
        assertThat(TestSettings.defaults()
                        .parallelization(4)
                        .tumblingWindow(Duration.ofSeconds(30))
                        .build()
                        .lanes())
                .isEqualTo(1);
    }
}
