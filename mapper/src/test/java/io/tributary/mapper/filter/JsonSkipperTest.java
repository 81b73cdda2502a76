package io.tributary.mapper.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSkipperTest {
    private static final JsonFactory JSON = new JsonFactory();
    /** Every document starts with this member; the skipper reads what follows it, as RecordProjector does. */
    private static final String PREFIX = "{\"k\":0";

    private static final String[] VALUES = {
        "0",
        "-0",
        "1",
        "-1",
        "123",
        "1.5",
        "-0.0",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "1.5E+05",
        "0e0",
        "00",
        "01",
        "-01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "1.e5",
        "0x1",
        "NaN",
        "Infinity",
        "-Infinity",
        "1_0",
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "True",
        "NULL",
        "truex",
        "\"\"",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\uD83D\\uDE00\"",
        "\"\\u00G0\"",
        "\"\\u12\"",
        "\"\\uFF10\\uffff\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\a\"",
        "\"\\'\"",
        "\"\\x41\"",
        "\"\t\"",
        "\"\n\"",
        "\"\u0000\"",
        "\"\u001f\"",
        "\"\u007f\"",
        "\"\u00a0\"",
        "\"\ud800\"",
        "\"unterminated",
        "'single'",
        "[]",
        "[ ]",
        "[1,2]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "{}",
        "{ }",
        "{\"a\":1}",
        "{\"a\":1,}",
        "{,\"a\":1}",
        "{\"a\" 1}",
        "{\"a\":}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":[{}]}",
        "[[[]]]",
        "[[[]]",
        "[{\"a\":[1,{\"b\":null}]}]",
        "{\"\\u0061\":1}",
        "{\"\t\":1}",
        "{\"a\\q\":1}",
        "[\"a\"]]",
        "[1]}",
        "{\"a\":1}}",
        "/* c */1",
        "1 // c",
        "#1",
        "\u00a01",
        "\u000b1",
        "\f1",
        "[1\u000b]",
        "[true,false]",
        "[truefalse]",
        "[nulls]",
        "[1true]",
        "[-]",
        "[--1]",
        "[1e5e5]",
        "[1.5.5]",
        "[\"a\":1]",
        "{\"a\":1:2}"
    };

    private static final String[] SUFFIXES = {
        "}",
        " } ",
        "}\n\r\t",
        ",\"v\":%s}",
        " , \"v\" : %s } ",
        ",\"a\":[%s]}",
        ",\"a\":[1,%s,2]}",
        ",\"a\":{\"b\":%s}}",
        ",\"a\":{\"b\":%s,\"c\":[%s]}}",
        ",\"v\":%s",
        ",\"v\":%s}}",
        ",\"v\":%s}x",
        ",\"v\":%s} x",
        ",\"v\":%s}{}",
        ",\"v\":%s} {}",
        ",\"v\":%s}]",
        ",\"v\":%s,}",
        ",\"v\":%s,",
        "",
        " ",
        ",",
        ",}",
        "]",
        "}\u0000",
        "}\u00a0",
        "}/**/",
        "}#"
    };

    @Test
    void agreesWithJacksonOnEveryValueInEveryPosition() {
        int checked = 0;
        for (String suffix : SUFFIXES) {
            for (String value : VALUES) {
                assertSameVerdict(PREFIX + suffix.replace("%s", value));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(SUFFIXES.length * VALUES.length);
    }

    @Test
    void agreesWithJacksonOnRandomMutationsOfValidDocuments() {
        String[] seeds = {
            PREFIX + ",\"customer\":{\"id\":\"cus-42\",\"region\":\"eu-west-1\",\"tags\":[\"a\",\"b\\u00e9\\n\"]},"
                    + "\"order\":{\"total\":249.95,\"items\":[{\"qty\":1,\"price\":-1.5e-3},{\"ok\":true,\"x\":null}]},"
                    + "\"flags\":[false,[],{},[[0]],1E+10]} \n",
            PREFIX + " , \"a\" : [ 1 , \"\\\"\" , { \"b\" : [ ] } ] , \"c\" : 0.0 }",
        };
        String alphabet = "{}[],:\"\\u0123456789abcdefE+-.tfnrl \t\n\r\u0000\u001f\u00a0/#'x";
        Random random = new Random(20261128L);
        int differentVerdicts = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder doc = new StringBuilder(seeds[i % seeds.length]);
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = PREFIX.length() + random.nextInt(doc.length() - PREFIX.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> doc.insert(at, c);
                    case 1 -> {
                        if (at < doc.length()) {
                            doc.deleteCharAt(at);
                        }
                    }
                    case 2 -> {
                        if (at < doc.length()) {
                            doc.setCharAt(at, c);
                        }
                    }
                    default -> doc.setLength(at);
                }
            }
            String text = doc.toString();
            boolean jackson = jacksonValid(text);
            assertThat(skipperValid(text)).as(text).isEqualTo(jackson);
            if (jackson) {
                differentVerdicts++;
            }
        }
        // Both verdicts are exercised many times.
        assertThat(differentVerdicts).isBetween(1_000, 59_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 500, 998, 999, 1000, 1001, 1002})
    void agreesWithJacksonOnNestingDepthAroundTheLimit(int depth) {
        // The outer object is depth 1, so "v" holds depth - 1 nested containers.
        int inner = depth - 1;
        String arrays = PREFIX + ",\"v\":" + "[".repeat(inner) + "]".repeat(inner) + "}";
        String objects = PREFIX + ",\"v\":" + "{\"a\":".repeat(inner) + "1" + "}".repeat(inner) + "}";
        String mixed = PREFIX + ",\"v\":" + "[{\"a\":".repeat(inner / 2) + "[]" + "}]".repeat(inner / 2) + "}";

        assertSameVerdict(arrays);
        assertSameVerdict(objects);
        assertSameVerdict(mixed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 400, 990})
    void agreesWithJacksonOnNumbersUpToTheLongNumberThreshold(int digits) {
        for (String number : numbers(digits)) {
            assertSameVerdict(PREFIX + ",\"v\":" + number + "}");
            assertSameVerdict(PREFIX + ",\"v\":[" + number + "]}");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {991, 999, 1000, 1001, 5000})
    void leavesNumbersNearJacksonsLengthLimitToJackson(int digits) {
        for (String number : numbers(digits)) {
            assertThat(skip(PREFIX + ",\"v\":[" + number + "]}", new String[0]))
                    .as(number)
                    .isEqualTo(JsonSkipper.UNDECIDED);
        }
    }

    /** Numbers of exactly {@code digits} digits in each shape Jackson counts differently. */
    private static List<String> numbers(int digits) {
        List<String> numbers = new ArrayList<>();
        numbers.add("1" + "0".repeat(digits - 1));
        numbers.add("-1" + "0".repeat(digits - 1));
        if (digits > 1) {
            numbers.add("1." + "0".repeat(digits - 1));
            numbers.add("0." + "5".repeat(digits - 1));
            numbers.add("1e" + "0".repeat(digits - 1));
            numbers.add("0e" + "5".repeat(digits - 1));
        }
        if (digits > 2) {
            numbers.add("1.5E+" + "0".repeat(digits - 2));
            numbers.add("0.5e" + "7".repeat(digits - 2));
        }
        return numbers;
    }

    @ParameterizedTest
    @ValueSource(ints = {49_999, 50_000, 50_001})
    void agreesWithJacksonOnNameLengthAroundTheLimit(int length) {
        assertSameVerdict(PREFIX + ",\"" + "n".repeat(length) + "\":1}");
        assertSameVerdict(PREFIX + ",\"v\":{\"" + "n".repeat(length - 1) + "\\u0041\":1}}");
        assertSameVerdict(PREFIX + ",\"v\":\"" + "s".repeat(length) + "\"}");
    }

    @Test
    void reportsAKeyTheFiltersNameWhenItAppearsAgainInTheOuterObject() {
        String[] named = {"k", "type"};

        assertThat(skip(PREFIX + ",\"x\":1,\"type\":2}", named)).isEqualTo(JsonSkipper.UNDECIDED);
        assertThat(skip(PREFIX + ",\"k\":1}", named)).isEqualTo(JsonSkipper.UNDECIDED);
        assertThat(skip(PREFIX + ",\"typ\\u0065\":1}", named)).isEqualTo(JsonSkipper.UNDECIDED);
    }

    @Test
    void ignoresNamedKeysNestedDeeperAndSimilarKeysInTheOuterObject() {
        String[] named = {"k", "type"};

        assertThat(skip(PREFIX + ",\"v\":{\"type\":1},\"types\":[{\"k\":2}],\"typ\":3}", named))
                .isEqualTo(JsonSkipper.VALID);
    }

    @Test
    void stopsAtAnInvalidDocumentBeforeANamedKey() {
        assertThat(skip(PREFIX + ",\"x\":01,\"k\":1}", new String[] {"k"})).isEqualTo(JsonSkipper.INVALID);
    }

    private static void assertSameVerdict(String document) {
        assertThat(skipperValid(document)).as(document).isEqualTo(jacksonValid(document));
    }

    private static boolean skipperValid(String document) {
        int verdict = skip(document, new String[0]);
        assertThat(verdict).as(document).isNotEqualTo(JsonSkipper.UNDECIDED);
        return verdict == JsonSkipper.VALID;
    }

    private static int skip(String document, String[] namedKeys) {
        char[] padded = ("xx" + document + "yy").toCharArray();
        return JsonSkipper.skipObjectRest(padded, 2 + PREFIX.length(), 2 + document.length(), namedKeys);
    }

    /** What RecordProjector decided before the skipper: one JSON object and nothing but whitespace after it. */
    private static boolean jacksonValid(String document) {
        try (JsonParser parser = JSON.createParser(document.toCharArray())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }
}
