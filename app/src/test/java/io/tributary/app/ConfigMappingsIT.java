package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.app.config.ConfigFileException;
import io.tributary.app.config.TributaryConfig;
import io.tributary.connectors.testing.LocalPorts;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.control.FileMappingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file's mappings at start, with the embedded SQS server: created as one batch, left alone by a restart
 * whose file did not change, updated when it did.
 */
class ConfigMappingsIT {
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:";

    @TempDir
    Path dataDir;

    @Test
    void aRestartWithAnUnchangedFileWritesNothingAndAChangedMappingIsUpdated() throws IOException {
        // given a first start that created three mappings
        start(config(10, "a", "b", "c")).close();
        List<EventSourceMapping> created = stored();
        Map<Path, FileTime> written = mappingFiles();
        assertThat(created)
                .extracting(EventSourceMapping::eventSourceArn)
                .containsExactly(ARN + "a", ARN + "b", ARN + "c");

        // when it starts again with the same file
        start(config(10, "a", "b", "c")).close();

        // then every mapping is as stored (same UUID, same LastModified) and no file was written
        assertThat(stored()).isEqualTo(created);
        assertThat(mappingFiles()).isEqualTo(written);

        // when the file changes one member of every mapping and adds a mapping
        start(config(5, "a", "b", "c", "d")).close();

        // then the stored ones keep their UUIDs with the new value, and the new one is created
        List<EventSourceMapping> after = stored();
        assertThat(after)
                .extracting(EventSourceMapping::uuid)
                .startsWith(uuids(created).toArray(String[]::new));
        assertThat(after).hasSize(4).allSatisfy(m -> assertThat(m.batchSize()).isEqualTo(5));
    }

    @Test
    void aRejectedMappingIsReportedAtItsKeyAndNoneOfTheFileIsStored() {
        // given a file whose second mapping names an undeclared queue
        String yaml = config(10, "a", "b").replace("EventSourceArn: " + ARN + "b", "EventSourceArn: " + ARN + "nope");

        // then
        assertThatThrownBy(() -> start(yaml))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("EventSourceMappings[1]")
                .hasMessageContaining("The specified queue does not exist.");
        assertThat(stored()).isEmpty();
    }

    private Tributary start(String yaml) {
        TributaryConfig config = TributaryConfig.parse(yaml, "test.yaml");
        // On a loaded machine the previous run's embedded SQS server may still be stopping in the background (its stop
        // can outlast Components' bound, see EmbeddedSqs.close); a start before it finished is refused, so wait.
        return await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsMatching(e -> e instanceof IllegalStateException
                        && String.valueOf(e.getMessage()).contains("already running"))
                .until(
                        () -> Tributary.start(config, new ServiceOptions(Optional.empty(), LocalPorts.free(), dataDir)),
                        t -> t != null);
    }

    /** Queues and mappings of the given names, to one java function. */
    private static String config(int batchSize, String... queues) {
        StringBuilder yaml = new StringBuilder("Sqs:\n  Port: 0\n  Queues:\n");
        for (String q : queues) {
            yaml.append("    - QueueName: ").append(q).append('\n');
        }
        yaml.append("Functions:\n  - FunctionName: noop\n")
                .append("    Executor: { Type: java, Handler: io.tributary.app.demo.LogEventHandler }\n")
                .append("EventSourceMappings:\n");
        for (String q : queues) {
            yaml.append("  - { FunctionName: noop, BatchSize: ")
                    .append(batchSize)
                    .append(", EventSourceArn: ")
                    .append(ARN)
                    .append(q)
                    .append(" }\n");
        }
        return yaml.toString();
    }

    private List<EventSourceMapping> stored() {
        return new FileMappingStore(dataDir.resolve("mappings")).loadAll();
    }

    private Map<Path, FileTime> mappingFiles() throws IOException {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("mappings"))) {
            for (Path file : files.toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static List<String> uuids(List<EventSourceMapping> mappings) {
        return mappings.stream().map(EventSourceMapping::uuid).toList();
    }
}
