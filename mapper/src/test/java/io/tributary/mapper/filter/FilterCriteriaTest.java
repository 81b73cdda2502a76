package io.tributary.mapper.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.Payload;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.SourceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile limits (5 filters, 4096 characters per pattern) and the public contract around them. */
class FilterCriteriaTest {
    private static final String SQS_RECORD =
            "{\"messageId\":\"m1\",\"body\":\"{\\\"type\\\":\\\"order\\\"}\",\"attributes\":{},\"eventSource\":\"aws:sqs\"}";

    @Test
    void five_filters_compile() {
        // given
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            patterns.add("{\"body\": {\"type\": [\"t" + i + "\"]}}");
        }

        // when
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, patterns);

        // then
        assertThat(criteria.size()).isEqualTo(5);
    }

    @Test
    void six_filters_are_rejected() {
        List<String> patterns = Collections.nCopies(6, "{\"body\": {\"type\": [\"order\"]}}");

        assertInvalid(() -> FilterCriteria.compile(SourceKind.SQS, patterns));
    }

    @Test
    void a_pattern_of_exactly_4096_characters_compiles() {
        // given
        String pattern = patternOfLength(4096);

        // when
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, List.of(pattern));

        // then
        assertThat(pattern).hasSize(4096);
        assertThat(criteria.size()).isEqualTo(1);
    }

    @Test
    void a_pattern_of_4097_characters_is_rejected() {
        String pattern = patternOfLength(4097);

        assertInvalid(() -> FilterCriteria.compile(SourceKind.SQS, List.of(pattern)));
    }

    @Test
    void the_length_limit_counts_characters_not_utf16_units() {
        // given: 2000 emoji are 4000 UTF-16 units but 2000 characters
        String emoji = "\uD83D\uDE00".repeat(2000);
        String pattern = "{\"body\": [\"" + emoji + "\"]}";

        // when
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, List.of(pattern));

        // then
        assertThat(pattern.length()).isGreaterThan(4000);
        assertThat(criteria.size()).isEqualTo(1);
    }

    @Test
    void a_null_pattern_is_rejected() {
        List<String> patterns = new ArrayList<>();
        patterns.add(null);

        assertInvalid(() -> FilterCriteria.compile(SourceKind.SQS, patterns));
    }

    @Test
    void one_invalid_pattern_among_valid_ones_rejects_the_whole_criteria() {
        assertInvalid(() -> FilterCriteria.compile(
                SourceKind.SQS, List.of("{\"body\": {\"type\": [\"order\"]}}", "{\"body\": {\"type\": \"order\"}}")));
    }

    @Test
    void no_filters_means_every_record_passes() {
        // given
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, List.of());

        // when / then
        assertThat(criteria.matches(Payload.utf8(SQS_RECORD))).isTrue();
        assertThat(criteria.matches(Payload.utf8("not even json"))).isTrue();
    }

    @Test
    void compiled_criteria_are_reused_across_records() {
        // given
        FilterCriteria criteria =
                FilterCriteria.compile(SourceKind.SQS, List.of("{\"body\": {\"type\": [\"order\"]}}"));

        // when / then
        assertThat(criteria.matches(Payload.utf8(SQS_RECORD))).isTrue();
        assertThat(criteria.matches(Payload.utf8(SQS_RECORD.replace("order", "refund"))))
                .isFalse();
        assertThat(criteria.matches(Payload.utf8(SQS_RECORD))).isTrue();
    }

    @Test
    void a_record_that_is_not_json_is_a_connector_bug() {
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, List.of("{\"body\": [\"x\"]}"));

        assertThatThrownBy(() -> criteria.matches(Payload.utf8("{\"body\": ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void an_empty_record_never_matches() {
        FilterCriteria criteria = FilterCriteria.compile(SourceKind.SQS, List.of("{\"a\": [{\"exists\": false}]}"));

        assertThat(criteria.matches(Payload.empty())).isFalse();
    }

    /** A valid SQS pattern {"body": ["xxx..."]} of exactly {@code length} characters. */
    private static String patternOfLength(int length) {
        String head = "{\"body\": [\"";
        String tail = "\"]}";
        return head + "x".repeat(length - head.length() - tail.length()) + tail;
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EsmException.class, e -> {
            assertThat(e.type()).isEqualTo("InvalidParameterValueException");
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Invalid filter pattern definition.");
        });
    }
}
