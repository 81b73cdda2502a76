package io.tributary.mapper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.OnFailureDestinations;
import io.tributary.api.StreamConnector;
import io.tributary.api.StreamSource;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.checkpoint.InMemoryCheckpointStore;
import io.tributary.mapper.testing.FakeFunction;
import io.tributary.mapper.testing.FakeFunctionRegistry;
import io.tributary.mapper.testing.InMemoryStreamSource;
import io.tributary.mapper.testing.ManualScheduler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRuntimeStreamTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final InMemoryStreamSource stream = new InMemoryStreamSource(scheduler, 1);
    private final FakeFunction function = FakeFunction.holding();

    private final StreamConnector connector = new StreamConnector() {
        @Override
        public boolean serves(String streamArn) {
            return streamArn.equals(InMemoryStreamSource.ARN);
        }

        @Override
        public boolean exists(String streamArn) {
            return true;
        }

        @Override
        public StreamSource open(String streamArn) {
            return stream;
        }
    };

    private final EngineRuntime runtime = new EngineRuntime(
            name -> java.util.Optional.of(function),
            List.of(),
            List.of(connector),
            new InMemoryCheckpointStore(),
            OnFailureDestinations.NONE,
            scheduler.clock(),
            scheduler);

    private static EventSourceMapping kinesisMapping(int batchSize) {
        return new EventSourceMapping(
                "u-1",
                FakeFunctionRegistry.PREFIX + "fn",
                InMemoryStreamSource.ARN,
                SourceKind.KINESIS,
                batchSize,
                0,
                null,
                List.of(),
                null,
                "TRIM_HORIZON",
                null,
                null,
                -1,
                null,
                -1,
                null,
                null,
                null,
                MappingState.Enabled,
                null,
                Instant.EPOCH,
                null);
    }

    @Test
    void an_updated_stream_mapping_starts_reading_only_after_the_old_runner_finished_its_batch() {
        String shard = InMemoryStreamSource.shardId(0);
        stream.put(shard, "k", "ZGF0YQ==");
        stream.put(shard, "k", "ZGF0YQ==");
        runtime.apply(kinesisMapping(1));
        scheduler.runUntilIdle();
        assertThat(function.pending())
                .as("%s", runtime.lastProcessingResult("u-1"))
                .hasSize(1);

        // when the mapping is updated while its first batch is in flight
        runtime.apply(kinesisMapping(10));
        scheduler.runUntilIdle();

        // then no second runner reads the shard at the same time
        assertThat(function.calls()).hasSize(1);

        // and once the first batch is done, the new runner continues after its checkpoint
        function.pending().get(0).result().complete(FakeFunction.ok());
        scheduler.runUntilIdle();
        assertThat(function.calls()).hasSize(2);
        assertThat(function.calls().get(1).ids()).hasSize(1);
    }
}
