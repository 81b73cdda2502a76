package io.tributary.mapper.stream;

import io.tributary.api.StreamPosition;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.SourceKind;
import java.time.Duration;
import java.util.Objects;

/**
 * What a stream mapping's engine needs, with AWS's ranges validated once (spec §1.5). Durations inside, AWS's integer
 * seconds only in {@link #from}.
 *
 * @param uuid the mapping's UUID (checkpoints, logs, S3 on-failure keys)
 * @param sourceKind {@link SourceKind#KINESIS} or {@link SourceKind#DYNAMODB}: decides the on-failure record's batch
 *     info key ({@code KinesisBatchInfo} / {@code DDBStreamBatchInfo}) and its time precision
 * @param batchSize BatchSize, 1..10,000
 * @param batchingWindow MaximumBatchingWindowInSeconds, 0..300 s
 * @param startingPosition TRIM_HORIZON, LATEST or AT_TIMESTAMP; used only before the mapping's first checkpoint
 * @param parallelizationFactor ParallelizationFactor, 1..10: concurrent batches per shard, in order per partition key
 * @param maximumRetryAttempts MaximumRetryAttempts, -1 (infinite) ..10,000
 * @param maximumRecordAge MaximumRecordAgeInSeconds, 60..604,800 s, or {@code null} for -1 (until the records expire)
 * @param bisectBatchOnFunctionError BisectBatchOnFunctionError
 * @param reportBatchItemFailures FunctionResponseTypes contains ReportBatchItemFailures
 * @param tumblingWindow TumblingWindowInSeconds, 0..900 s (0 = no window)
 * @param pollInterval how long a shard that returned no records waits before reading again (Lambda polls Kinesis
 *     shards once per second and DynamoDB shards four times per second, spec §5.2/5.3)
 * @param shardRefreshInterval how often the shard list is read again to find new shards (splits and merges)
 */
public record StreamMappingSettings(
        String uuid,
        SourceKind sourceKind,
        int batchSize,
        Duration batchingWindow,
        StreamPosition startingPosition,
        int parallelizationFactor,
        int maximumRetryAttempts,
        Duration maximumRecordAge,
        boolean bisectBatchOnFunctionError,
        boolean reportBatchItemFailures,
        Duration tumblingWindow,
        Duration pollInterval,
        Duration shardRefreshInterval) {

    public static final Duration DEFAULT_SHARD_REFRESH = Duration.ofSeconds(10);

    public StreamMappingSettings {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(tumblingWindow, "tumblingWindow");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(shardRefreshInterval, "shardRefreshInterval");
        if (sourceKind != SourceKind.KINESIS && sourceKind != SourceKind.DYNAMODB) {
            throw new IllegalArgumentException("sourceKind must be KINESIS or DYNAMODB: " + sourceKind);
        }
        check(batchSize >= 1 && batchSize <= 10_000, "BatchSize must be 1..10000: " + batchSize);
        check(inSeconds(batchingWindow, 0, 300), "MaximumBatchingWindowInSeconds must be 0..300: " + batchingWindow);
        StreamPosition.Type start = startingPosition.type();
        check(
                start == StreamPosition.Type.TRIM_HORIZON
                        || start == StreamPosition.Type.LATEST
                        || start == StreamPosition.Type.AT_TIMESTAMP,
                "StartingPosition must be TRIM_HORIZON, LATEST or AT_TIMESTAMP: " + start);
        check(
                parallelizationFactor >= 1 && parallelizationFactor <= 10,
                "ParallelizationFactor must be 1..10: " + parallelizationFactor);
        check(
                maximumRetryAttempts >= -1 && maximumRetryAttempts <= 10_000,
                "MaximumRetryAttempts must be -1..10000: " + maximumRetryAttempts);
        check(
                maximumRecordAge == null || inSeconds(maximumRecordAge, 60, 604_800),
                "MaximumRecordAgeInSeconds must be -1 or 60..604800: " + maximumRecordAge);
        check(inSeconds(tumblingWindow, 0, 900), "TumblingWindowInSeconds must be 0..900: " + tumblingWindow);
        check(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
        check(
                !shardRefreshInterval.isNegative() && !shardRefreshInterval.isZero(),
                "shardRefreshInterval must be positive");
    }

    /**
     * The settings of a stored Kinesis or DynamoDB mapping, with Lambda's defaults for members it leaves out.
     */
    public static StreamMappingSettings from(EventSourceMapping mapping) {
        StreamPosition start;
        String position = mapping.startingPosition() == null ? "LATEST" : mapping.startingPosition();
        switch (position) {
            case "TRIM_HORIZON" -> start = StreamPosition.trimHorizon();
            case "AT_TIMESTAMP" -> start = StreamPosition.atTimestamp(mapping.startingPositionTimestamp());
            default -> start = StreamPosition.latest();
        }
        Integer age = mapping.maximumRecordAgeInSeconds();
        return new StreamMappingSettings(
                mapping.uuid(),
                mapping.sourceKind(),
                mapping.batchSize(),
                Duration.ofSeconds(mapping.maximumBatchingWindowInSeconds()),
                start,
                mapping.parallelizationFactor() == null ? 1 : mapping.parallelizationFactor(),
                mapping.maximumRetryAttempts() == null ? -1 : mapping.maximumRetryAttempts(),
                age == null || age == -1 ? null : Duration.ofSeconds(age),
                Boolean.TRUE.equals(mapping.bisectBatchOnFunctionError()),
                mapping.reportsBatchItemFailures(),
                Duration.ofSeconds(mapping.tumblingWindowInSeconds() == null ? 0 : mapping.tumblingWindowInSeconds()),
                mapping.sourceKind() == SourceKind.DYNAMODB ? Duration.ofMillis(250) : Duration.ofSeconds(1),
                DEFAULT_SHARD_REFRESH);
    }

    /** Concurrent batches per shard: tumbling windows keep one state per shard, so they use a single lane. */
    int lanes() {
        return tumblingWindow.isZero() ? parallelizationFactor : 1;
    }

    boolean infiniteRetries() {
        return maximumRetryAttempts == -1;
    }

    private static boolean inSeconds(Duration d, long min, long max) {
        return !d.isNegative()
                && d.compareTo(Duration.ofSeconds(min)) >= 0
                && d.compareTo(Duration.ofSeconds(max)) <= 0;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
