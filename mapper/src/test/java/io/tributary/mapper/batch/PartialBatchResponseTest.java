package io.tributary.mapper.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.Payload;
import io.tributary.mapper.batch.PartialBatchResponse.Outcome;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The success and failure conditions of spec §3.1, each as AWS recorded them. */
class PartialBatchResponseTest {
    private static final Set<String> BATCH = Set.of("a", "b", "c");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "null",
                "{}",
                "\"\"",
                "[]",
                "{\"batchItemFailures\":[]}",
                "{\"batchItemFailures\":null}",
                "{\"other\":1}"
            })
    void full_success(String response) {
        assertThat(PartialBatchResponse.parse(Payload.utf8(response), BATCH)).isInstanceOf(Outcome.AllSucceeded.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"foo\":\"notvalid\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":123}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}",
                "{\"batchItemFailures\":\"a\"}",
                "42"
            })
    void whole_batch_failure(String response) {
        assertThat(PartialBatchResponse.parse(Payload.utf8(response), BATCH)).isInstanceOf(Outcome.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"},{\"itemIdentifier\":\"c\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"},{\"itemIdentifier\":\"c\"},{\"itemIdentifier\":\"b\"}]}"
            })
    void listed_items_fail(String response) {
        assertThat(PartialBatchResponse.parse(Payload.utf8(response), BATCH))
                .isEqualTo(new Outcome.SomeFailed(Set.of("b", "c")));
    }
}
