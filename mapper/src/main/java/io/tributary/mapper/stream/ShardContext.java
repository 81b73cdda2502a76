package io.tributary.mapper.stream;

import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.Scheduler;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** What every part of one shard's processing shares: settings, collaborators and the stop signal. */
record ShardContext(
        StreamMappingSettings settings,
        String shardId,
        String streamArn,
        LambdaFunction function,
        OnFailureDestination onFailure,
        Clock clock,
        Scheduler scheduler,
        MappingMetrics metrics,
        StreamMetrics streamMetrics,
        Consumer<String> lastProcessingResult,
        BooleanSupplier stopping) {

    String uuid() {
        return settings.uuid();
    }

    boolean isStopping() {
        return stopping.getAsBoolean();
    }
}
