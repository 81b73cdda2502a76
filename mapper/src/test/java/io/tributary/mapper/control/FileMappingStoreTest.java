package io.tributary.mapper.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.TributaryException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMappingStoreTest {
    @TempDir
    Path dir;

    static EventSourceMapping streamMapping(String uuid) {
        return new EventSourceMapping(
                uuid,
                "arn:aws:lambda:us-east-1:000000000000:function:f",
                "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                SourceKind.KINESIS,
                500,
                5,
                List.of("{\"data\":{\"a\":[1]}}", "{\"data\":{\"b\":[2]}}"),
                List.of("ReportBatchItemFailures"),
                null,
                "AT_TIMESTAMP",
                Instant.parse("2024-04-30T12:00:00.123Z"),
                4,
                3600,
                true,
                7,
                60,
                "arn:aws:sqs:us-east-1:000000000000:dlq",
                Map.of("team", "data"),
                MappingState.Enabled,
                "User action",
                Instant.parse("2024-05-01T10:00:00.456Z"),
                "No records processed");
    }

    static EventSourceMapping sqsMapping(String uuid) {
        return new EventSourceMapping(
                uuid,
                "arn:aws:lambda:us-east-1:000000000000:function:f",
                "arn:aws:sqs:us-east-1:000000000000:q",
                SourceKind.SQS,
                10,
                0,
                null,
                List.of(),
                20,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                MappingState.Disabled,
                "USER_INITIATED",
                Instant.parse("2024-05-01T10:00:00Z"),
                null);
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        FileMappingStore store = new FileMappingStore(dir);
        EventSourceMapping stream = streamMapping("0b6e3f2a-1111-4c1e-9d7a-000000000001");
        EventSourceMapping sqs = sqsMapping("0b6e3f2a-1111-4c1e-9d7a-000000000002");

        store.save(stream);
        store.save(sqs);

        assertThat(store.loadAll()).containsExactly(stream, sqs);
    }

    @Test
    void aNewInstanceReadsWhatTheOldOneWroteInCreationOrder() {
        FileMappingStore store = new FileMappingStore(dir);
        // UUIDs chosen so that file-name order differs from creation order
        store.save(sqsMapping("ccc"));
        store.save(sqsMapping("aaa"));
        store.save(sqsMapping("bbb"));
        store.save(sqsMapping("ccc").withState(MappingState.Enabled, Instant.EPOCH)); // update keeps its place

        FileMappingStore reopened = new FileMappingStore(dir);
        reopened.save(sqsMapping("ddd"));

        assertThat(reopened.loadAll()).extracting(EventSourceMapping::uuid).containsExactly("ccc", "aaa", "bbb", "ddd");
        assertThat(reopened.loadAll().get(0).state()).isEqualTo(MappingState.Enabled);
    }

    @Test
    void deleteRemovesTheFileAndIgnoresUnknownUuids() {
        FileMappingStore store = new FileMappingStore(dir);
        store.save(sqsMapping("aaa"));

        store.delete("aaa");
        store.delete("never-there");

        assertThat(store.loadAll()).isEmpty();
        assertThat(new FileMappingStore(dir).loadAll()).isEmpty();
        assertThat(dir.resolve("aaa.json")).doesNotExist();
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        FileMappingStore store = new FileMappingStore(dir);
        store.save(sqsMapping("aaa"));
        store.save(sqsMapping("aaa"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("aaa.json");
        }
    }

    @Test
    void corruptFileIsReportedByName() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\":1,\"sequence\":0,\"mapping\":{\"uuid\":");

        assertThatThrownBy(() -> new FileMappingStore(dir))
                .isInstanceOf(TributaryException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void fileMissingRequiredMembersIsReportedByName() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"formatVersion\":1,\"sequence\":0,\"mapping\":{\"uuid\":\"bad\"}}");

        assertThatThrownBy(() -> new FileMappingStore(dir)).hasMessageContaining(bad.toString());
    }

    @Test
    void uuidThatIsNotAFileNameIsRefused() {
        FileMappingStore store = new FileMappingStore(dir);

        assertThatThrownBy(() -> store.save(sqsMapping("../escape"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saveAllStoresABatchDurablyInOrderKeepingTheSequenceOfUpdatedMappings() {
        // given one stored mapping
        FileMappingStore store = new FileMappingStore(dir);
        EventSourceMapping first = sqsMapping("0b6e3f2a-2222-4c1e-9d7a-000000000001");
        store.save(first);
        List<EventSourceMapping> batch = new java.util.ArrayList<>();
        for (int i = 2; i <= FileMappingStore.PARALLEL_WRITES * 2 + 3; i++) {
            batch.add(sqsMapping(String.format("0b6e3f2a-2222-4c1e-9d7a-%012d", i)));
        }
        EventSourceMapping firstEnabled = first.withState(MappingState.Enabled, Instant.parse("2024-05-02T10:00:00Z"));
        batch.add(firstEnabled);

        // when more mappings than are written at once are saved as one batch, one of them an update
        store.saveAll(batch);

        // then a new store on the directory (as after a restart) reads them all, in creation order
        List<EventSourceMapping> expected = new java.util.ArrayList<>();
        expected.add(firstEnabled);
        expected.addAll(batch.subList(0, batch.size() - 1));
        assertThat(new FileMappingStore(dir).loadAll()).containsExactlyElementsOf(expected);
        assertThat(dir.toFile().list((d, name) -> name.endsWith(".tmp"))).isEmpty();
    }

    @Test
    void aBatchNamingOneMappingTwiceIsRefusedBeforeAnythingIsWritten() {
        FileMappingStore store = new FileMappingStore(dir);
        EventSourceMapping m = sqsMapping("0b6e3f2a-3333-4c1e-9d7a-000000000001");

        assertThatThrownBy(() -> store.saveAll(List.of(m, sqsMapping("0b6e3f2a-3333-4c1e-9d7a-000000000002"), m)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void temporaryFilesLeftByACrashDuringABatchAreNotLoaded() throws Exception {
        // given: a crash after some files of a batch were written but before they were renamed into place
        FileMappingStore store = new FileMappingStore(dir);
        EventSourceMapping stored = sqsMapping("0b6e3f2a-4444-4c1e-9d7a-000000000001");
        store.save(stored);
        Files.writeString(dir.resolve("0b6e3f2a-4444-4c1e-9d7a-000000000002.json.tmp"), "{\"formatVersion\":1,\"seq");

        // when the store is opened again
        FileMappingStore reopened = new FileMappingStore(dir);

        // then only the mapping that was stored whole is there, and the next batch overwrites the leftover
        assertThat(reopened.loadAll()).containsExactly(stored);
        EventSourceMapping next = sqsMapping("0b6e3f2a-4444-4c1e-9d7a-000000000002");
        reopened.saveAll(List.of(next, sqsMapping("0b6e3f2a-4444-4c1e-9d7a-000000000003")));
        assertThat(new FileMappingStore(dir).loadAll()).hasSize(3).contains(next);
    }
}
