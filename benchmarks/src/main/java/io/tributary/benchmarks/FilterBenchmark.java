package io.tributary.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.tributary.api.Payload;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.filter.FilterCriteria;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Filter matching throughput on one thread: a compiled {@link FilterCriteria} against a realistic ~1 KB SQS record
 * (a JSON order in {@code body}, the usual attributes and one message attribute). Each benchmark method is one
 * {@code matches} call, so ops/s = matches/s per core.
 *
 * <p>Run: see docs/benchmarks.md ("Filter matching").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterBenchmark {
    /** The order placed in the SQS body (escaped into the record below). */
    static final String BODY = "{\"type\":\"order\",\"orderId\":\"ord-7f3a2c91-5d4e-4b8a-9c1f-2e6d8a0b4c37\","
            + "\"createdAt\":\"2024-05-14T09:21:44.512Z\",\"customer\":{\"id\":\"cus-000042\",\"region\":\"eu-west-1\","
            + "\"tier\":\"gold\",\"email\":\"pat.candella@example.com\"},\"order\":{\"total\":249.95,\"currency\":\"EUR\","
            + "\"items\":[{\"sku\":\"BK-1001\",\"qty\":1,\"price\":19.95},{\"sku\":\"EL-2040\",\"qty\":2,\"price\":115.0}]},"
            + "\"channel\":\"web\",\"tags\":[\"promo-spring\",\"first-order\"]}";

    static final String RECORD = "{\"messageId\":\"059f36b4-87a3-44ab-83d2-661975830a7d\","
            + "\"receiptHandle\":\"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a1xN9Jv6b3k9QZ8Lm2Yt0PpRrXwUu4Vv5Ee7Ff8Gg9Hh0Ii1Jj2Kk3Ll4Mm"
            + "5Nn6Oo7Pp8Qq9Rr0Ss1Tt2Uu3Vv4Ww5Xx6Yy7Zz8Aa9Bb0Cc1Dd2Ee3Ff4Gg5Hh6Ii7Jj8Kk9Ll0==\","
            + "\"body\":" + quote(BODY) + ","
            + "\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"1545082649183\","
            + "\"SenderId\":\"AIDAIENQZJOLO23YVJ4VO\",\"ApproximateFirstReceiveTimestamp\":\"1545082649185\"},"
            + "\"messageAttributes\":{\"Author\":{\"stringValue\":\"order-service\",\"stringListValues\":[],"
            + "\"binaryListValues\":[],\"dataType\":\"String\"}},"
            + "\"md5OfMessageAttributes\":\"6b3cf1f5c9d4e0f2a1b8c7d6e5f4a3b2\","
            + "\"md5OfBody\":\"e4e68fb7bd0e697a0ae8f1bb342846b3\",\"eventSource\":\"aws:sqs\","
            + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:orders\",\"awsRegion\":\"us-east-1\"}";

    private static final JsonFactory JSON = new JsonFactory();

    private Payload record;
    private byte[] recordBytes;
    private FilterCriteria simpleEquality;
    private FilterCriteria prefixAndNumericNested;
    private FilterCriteria fiveFilterOrMiss;
    private FilterCriteria metadataOnly;

    @Setup
    public void setUp() {
        record = Payload.utf8(RECORD);
        recordBytes = record.toByteArray();
        simpleEquality = FilterCriteria.compile(SourceKind.SQS, List.of("{\"body\":{\"type\":[\"order\"]}}"));
        prefixAndNumericNested = FilterCriteria.compile(
                SourceKind.SQS,
                List.of("{\"body\":{\"customer\":{\"region\":[{\"prefix\":\"eu-\"}]},"
                        + "\"order\":{\"total\":[{\"numeric\":[\">\",100,\"<=\",1000]}]}}}"));
        fiveFilterOrMiss = FilterCriteria.compile(
                SourceKind.SQS,
                List.of(
                        "{\"body\":{\"type\":[\"refund\"]}}",
                        "{\"body\":{\"customer\":{\"tier\":[\"platinum\"]}}}",
                        "{\"body\":{\"order\":{\"total\":[{\"numeric\":[\">\",10000]}]}}}",
                        "{\"body\":{\"channel\":[{\"prefix\":\"mobile-\"}]}}",
                        "{\"body\":{\"tags\":[\"vip\"]},\"attributes\":{\"ApproximateReceiveCount\":[\"5\"]}}"));
        metadataOnly = FilterCriteria.compile(
                SourceKind.SQS, List.of("{\"messageAttributes\":{\"Author\":{\"stringValue\":[\"order-service\"]}}}"));
        if (!simpleEquality.matches(record)
                || !prefixAndNumericNested.matches(record)
                || fiveFilterOrMiss.matches(record)
                || !metadataOnly.matches(record)) {
            throw new IllegalStateException("benchmark patterns do not give the expected results");
        }
    }

    @Benchmark
    public boolean simpleEquality() {
        return simpleEquality.matches(record);
    }

    @Benchmark
    public boolean prefixAndNumericNested() {
        return prefixAndNumericNested.matches(record);
    }

    @Benchmark
    public boolean fiveFilterOrMiss() {
        return fiveFilterOrMiss.matches(record);
    }

    @Benchmark
    public boolean metadataOnly() {
        return metadataOnly.matches(record);
    }

    /**
     * Baseline: Jackson tokenizing the whole record once, doing nothing else. On a shared machine the absolute scores
     * swing with load; the ratio to this baseline does not.
     */
    @Benchmark
    public int baselineJacksonTokenScan() throws java.io.IOException {
        int tokens = 0;
        try (JsonParser parser = JSON.createParser(recordBytes)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    /** Runs this benchmark with JMH's command line options, e.g. {@code -f 1 -wi 2 -i 3}. */
    public static void main(String[] args) throws Exception {
        String[] withInclude = new String[args.length + 1];
        System.arraycopy(args, 0, withInclude, 0, args.length);
        withInclude[args.length] = FilterBenchmark.class.getSimpleName();
        org.openjdk.jmh.Main.main(withInclude);
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
