package io.tributary.mapper.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.api.SourceRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventAssemblerTest {
    private static SourceRecord record(String json) {
        return new SourceRecord("id", "handle", null, Payload.utf8(json), Instant.EPOCH);
    }

    @Test
    void event_holds_the_records_byte_for_byte_in_order() {
        List<SourceRecord> records = List.of(record("{\"body\":\"a\"}"), record("{\"body\":\"é\"}"));

        Payload event = EventAssembler.records(records);

        assertThat(event.utf8()).isEqualTo("{\"Records\":[{\"body\":\"a\"},{\"body\":\"é\"}]}");
        assertThat(event.size())
                .isEqualTo(EventAssembler.sizeWith(
                        records.get(0).json().size(), 1, records.get(1).json().size()));
    }

    @Test
    void event_of_no_records_is_an_empty_records_array() {
        assertThat(EventAssembler.records(List.of()).utf8()).isEqualTo("{\"Records\":[]}");
    }
}
