package io.tributary.mapper.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.mapper.checkpoint.InMemoryCheckpointStore;
import io.tributary.mapper.runtime.MappingMetrics;
import io.tributary.mapper.runtime.RecordFilter;
import io.tributary.mapper.testing.InMemoryOnFailureDestination;
import io.tributary.mapper.testing.InMemoryStreamSource;
import io.tributary.mapper.testing.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The pieces every stream engine test needs, on one manual clock. */
final class StreamHarness {
    static final String SHARD0 = InMemoryStreamSource.shardId(0);
    private static final ObjectMapper JSON = new ObjectMapper();

    final ManualScheduler scheduler = new ManualScheduler();
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final InMemoryOnFailureDestination destination = new InMemoryOnFailureDestination();
    final List<String> results = new ArrayList<>();
    final InMemoryStreamSource source;

    StreamHarness(int shards) {
        source = new InMemoryStreamSource(scheduler, shards);
    }

    StreamMappingRunner runner(LambdaFunction function, TestSettings settings) {
        return runner(function, settings, RecordFilter.ACCEPT_ALL, destination);
    }

    StreamMappingRunner runner(
            LambdaFunction function, TestSettings settings, RecordFilter filter, OnFailureDestination onFailure) {
        return new StreamMappingRunner(
                settings.build(),
                source,
                function,
                filter,
                onFailure,
                checkpoints,
                scheduler.clock(),
                scheduler,
                new MappingMetrics(),
                results::add);
    }

    /** Puts {@code n} records with partition key {@code key} on shard 0; returns their sequence numbers. */
    List<String> put(int n, String key) {
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequences.add(source.put(SHARD0, key, "ZGF0YQ=="));
        }
        return sequences;
    }

    String checkpoint(String shardId) {
        return checkpoints
                .load("esm-uuid", shardId)
                .map(c -> c.sequenceNumber())
                .orElse(null);
    }

    static JsonNode json(io.tributary.api.Payload payload) {
        try {
            return JSON.readTree(payload.newInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
