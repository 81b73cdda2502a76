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
}
