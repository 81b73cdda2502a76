package io.tributary.mapper.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void requestIdsAreDistinctVersion4Uuids() {
        // given
        Set<String> seen = new HashSet<>();

        // when
        for (int i = 0; i < 10_000; i++) {
            seen.add(RequestIds.next());
        }

        // then
        assertThat(seen).hasSize(10_000);
        for (String id : seen) {
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }
}
