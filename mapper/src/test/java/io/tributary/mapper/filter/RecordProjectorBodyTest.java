package io.tributary.mapper.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.tributary.mapper.SourceKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SQS body read with {@link JsonSkipper} for its rest gives exactly what reading it all with Jackson gives. */
class RecordProjectorBodyTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> PATTERNS = List.of(
            "{\"body\":{\"type\":[\"order\"]}}",
            "{\"body\":{\"customer\":{\"region\":[{\"prefix\":\"eu-\"}]},\"total\":[{\"numeric\":[\">\",1]}]}}",
            "{\"body\":{\"type\":[\"x\"],\"flag\":[true],\"none\":[null],\"tags\":[\"a\"]}}");
    private static final String[] SEEDS = {
        "{\"type\":\"order\",\"id\":\"o-1\",\"customer\":{\"region\":\"eu-west-1\",\"tier\":\"gold\"},"
                + "\"total\":249.95,\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\\u00e9\",\"qty\":-2e3}],"
                + "\"flag\":true,\"none\":null,\"tags\":[\"a\",\"b\"]}",
        "{\"total\":12,\"type\":\"order\",\"flag\":false,\"tags\":[],\"customer\":{},\"none\":null,\"rest\":[1,{}]} ",
        "{\"type\":\"order\",\"total\":1,\"type\":\"refund\",\"customer\":{\"region\":\"eu\"},\"customer\":[]}",
        "{\"type\":\"order\",\"total\":1,\"customer\":{\"region\":\"eu\"},\"typ\\u0065\":\"refund\",\"flag\":true,"
                + "\"tags\":[\"x\"],\"none\":null}",
    };

    @Test
    void readsEveryBodyLikeAFullJacksonParse() throws Exception {
        String alphabet = "{}[],:\"\\u0123456789eE+-.tfnrl \t\n\u0000x";
        Random random = new Random(42L);
        int objects = 0;
        for (String pattern : PATTERNS) {
            FieldTrie trie = FieldTrie.of(List.of(PatternCompiler.compile(SourceKind.SQS, pattern)))
                    .child("body");
            for (int i = 0; i < 15_000; i++) {
                StringBuilder body = new StringBuilder(SEEDS[i % SEEDS.length]);
                if (i >= SEEDS.length) {
                    int at = random.nextInt(body.length() + 1);
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(4)) {
                        case 0 -> body.insert(at, c);
                        case 1 -> body.delete(at, Math.min(body.length(), at + 1));
                        case 2 -> body.replace(at, Math.min(body.length(), at + 1), String.valueOf(c));
                        default -> body.setLength(at);
                    }
                }
                if (!body.toString().strip().startsWith("{")) {
                    continue; // RecordProjector keeps such a body a string without parsing it
                }
                char[] padded = ("  \"" + body + "\"").toCharArray();
                Object expected = RecordProjector.parseObject(
                        JSON.createParser(body.toString().toCharArray()), trie);
                Object actual = RecordProjector.parseBody(padded, 3, body.length(), trie);
                assertThat(actual).as(body.toString()).isEqualTo(expected);
                if (expected != null) {
                    objects++;
                }
            }
        }
        assertThat(objects).isBetween(1_000, 44_000);
    }
}
