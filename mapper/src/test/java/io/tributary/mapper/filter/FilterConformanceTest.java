package io.tributary.mapper.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.api.Payload;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven conformance suite: every case in {@code src/test/resources/filter/*.json} is a pattern (or list of
 * patterns) and a record that must match or not, or a pattern that must be rejected. Fixture format: see
 * {@code src/test/resources/filter/README.md}.
 */
class FilterConformanceTest {
    private static final List<String> MATCH_FIXTURES = List.of(
            "operators.json",
            "arrays-and-or.json",
            "sqs.json",
            "kinesis.json",
            "dynamodb.json",
            "kafka.json",
            "mq.json");

    /** Keeps number text apart (300 vs 300.0 vs 3.0e2) when fixtures are turned back into JSON text. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    record MatchCase(SourceKind source, List<String> patterns, String record, boolean expected) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchCases")
    void record_matches_as_aws_documents(String name, MatchCase c) {
        // given
        FilterCriteria criteria = FilterCriteria.compile(c.source(), c.patterns());

        // when
        boolean matched = criteria.matches(Payload.utf8(c.record()));

        // then
        assertThat(matched)
                .as("patterns %s on %s record %s", c.patterns(), c.source(), c.record())
                .isEqualTo(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalid_pattern_is_rejected_like_aws(String name, SourceKind source, String pattern) {
        assertThatThrownBy(() -> FilterCriteria.compile(source, List.of(pattern)))
                .isInstanceOfSatisfying(EsmException.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid filter pattern definition.");
                });
    }

    static Stream<Arguments> matchCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String file : MATCH_FIXTURES) {
            JsonNode fixture = read(file);
            SourceKind fileSource = SourceKind.valueOf(fixture.path("source").asText());
            for (JsonNode group : fixture.get("groups")) {
                SourceKind source = group.has("source")
                        ? SourceKind.valueOf(group.get("source").asText())
                        : fileSource;
                boolean full = group.path("full").asBoolean(source == SourceKind.DYNAMODB);
                List<String> patterns = patterns(group);
                for (String verdict : List.of("match", "noMatch")) {
                    int i = 0;
                    for (JsonNode entry : group.path(verdict)) {
                        String record = full ? text(entry) : recordAround(source, entry);
                        String name = file + " | " + group.get("name").asText() + " | " + verdict + " #" + i++ + " "
                                + abbreviate(full ? record : entry.toString());
                        cases.add(Arguments.of(name, new MatchCase(source, patterns, record, verdict.equals("match"))));
                    }
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> invalidCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        JsonNode fixture = read("invalid.json");
        for (JsonNode c : fixture.get("cases")) {
            SourceKind source = SourceKind.valueOf(c.path("source").asText("SQS"));
            String pattern = text(c.get("pattern"));
            cases.add(Arguments.of(source + " " + c.get("why").asText() + ": " + abbreviate(pattern), source, pattern));
        }
        return cases.stream();
    }

    private static List<String> patterns(JsonNode group) {
        List<String> patterns = new ArrayList<>();
        if (group.has("pattern")) {
            patterns.add(text(group.get("pattern")));
        }
        group.path("patterns").forEach(p -> patterns.add(text(p)));
        return patterns;
    }

    /** A string fixture is raw JSON text; anything else is written out as JSON. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    /** Builds a realistic record of the source around a payload given in the fixture (see README.md). */
    private static String recordAround(SourceKind source, JsonNode payload) {
        ObjectNode record = (ObjectNode) read(Templates.forSource(source));
        String raw = payload.isTextual() ? payload.asText() : payload.toString();
        String base64 = payload.has("$base64")
                ? payload.get("$base64").asText()
                : Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        switch (source) {
            case SQS -> record.put("body", raw);
            case KINESIS -> ((ObjectNode) record.get("kinesis")).put("data", base64);
            case KAFKA -> record.put("value", base64);
            case MQ -> record.put("data", base64);
            case DYNAMODB -> throw new IllegalArgumentException("DynamoDB fixtures give full records");
        }
        return record.toString();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = FilterConformanceTest.class.getResourceAsStream("/filter/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("bad fixture " + resource, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }

    /** The AWS-shaped record templates that fixture payloads are placed into. */
    static final class Templates {
        static String forSource(SourceKind source) {
            return "templates/" + source.name().toLowerCase(java.util.Locale.ROOT) + "-record.json";
        }
    }
}
