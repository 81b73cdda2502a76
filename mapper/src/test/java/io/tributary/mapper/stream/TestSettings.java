package io.tributary.mapper.stream;

import io.tributary.api.StreamPosition;
import io.tributary.mapper.SourceKind;
import java.time.Duration;

/** Fluent defaults for {@link StreamMappingSettings} in tests (Lambda's defaults, TRIM_HORIZON). */
final class TestSettings {
    SourceKind kind = SourceKind.KINESIS;
    int batchSize = 100;
    Duration batchingWindow = Duration.ZERO;
    StreamPosition start = StreamPosition.trimHorizon();
    int parallelization = 1;
    int maxRetries = -1;
    Duration maxAge;
    boolean bisect;
    boolean reportFailures;
    Duration tumblingWindow = Duration.ZERO;

    static TestSettings defaults() {
        return new TestSettings();
    }

    TestSettings batchSize(int n) {
        batchSize = n;
        return this;
    }

    TestSettings batchingWindow(Duration d) {
        batchingWindow = d;
        return this;
    }

    TestSettings start(StreamPosition p) {
        start = p;
        return this;
    }

    TestSettings parallelization(int n) {
        parallelization = n;
        return this;
    }

    TestSettings maxRetries(int n) {
        maxRetries = n;
        return this;
    }

    TestSettings maxAge(Duration d) {
        maxAge = d;
        return this;
    }

    TestSettings bisect() {
        bisect = true;
        return this;
    }

    TestSettings reportFailures() {
        reportFailures = true;
        return this;
    }

    TestSettings tumblingWindow(Duration d) {
        tumblingWindow = d;
        return this;
    }

    TestSettings kind(SourceKind k) {
        kind = k;
        return this;
    }

    StreamMappingSettings build() {
        return new StreamMappingSettings(
                "esm-uuid",
                kind,
                batchSize,
                batchingWindow,
                start,
                parallelization,
                maxRetries,
                maxAge,
                bisect,
                reportFailures,
                tumblingWindow,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10));
    }
}
