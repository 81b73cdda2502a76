package io.tributary.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.GetRecordsResult;
import io.tributary.api.SourceException;
import io.tributary.api.StreamPosition;
import io.tributary.api.StreamRecord;
import io.tributary.api.StreamShard;
import io.tributary.api.StreamSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kinesis connector against kinesalite: stream lookup, shard lineage, every iterator type, the record JSON. */
class KinesisConnectorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KinesaliteServer kinesalite;
    private static KinesisConnector connector;
    private static KinesisTestClient kinesis;
    private static int streams;

    @BeforeAll
    static void start() {
        kinesalite = KinesaliteServer.start();
        connector = new KinesisConnector(kinesalite.settings());
        kinesis = new KinesisTestClient(connector);
    }

    @AfterAll
    static void stop() {
        connector.close();
        kinesalite.close();
    }

    private static String newStream(int shards) {
        String name = "stream-" + (++streams);
        kinesis.createStream(name, shards);
        return name;
    }

    @Test
    void existsAnswersForCreatedAndMissingStreams() {
        String name = newStream(1);

        assertThat(connector.exists(kinesalite.streamArn(name))).isTrue();
        assertThat(connector.exists(kinesalite.streamArn("no-such-stream"))).isFalse();
        assertThat(connector.serves(kinesalite.streamArn(name))).isTrue();
        assertThat(connector.serves("arn:aws:sqs:us-east-1:000000000000:q")).isFalse();
    }

    @Test
    void existsFailsWithSourceExceptionWhenTheEndpointIsDown() {
        try (KinesisConnector down = new KinesisConnector(
                KinesisSettings.local(URI.create("http://127.0.0.1:1"), "us-east-1", "000000000000"))) {
            assertThatThrownBy(() -> down.exists(kinesalite.streamArn("s")))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("cannot reach Kinesis at http://127.0.0.1:1");
        }
    }

    @Test
    void recordJsonIsLambdasKinesisRecordShape() throws IOException {
        String name = newStream(1);
        Instant before = Instant.now().minusSeconds(1);
        String sequence = kinesis.put(name, "key-1", "{\"hello\":\"world\"}");
        StreamSource source = connector.open(kinesalite.streamArn(name));
        String shardId = source.listShards().join().get(0).shardId();

        GetRecordsResult result = read(source, shardId, StreamPosition.trimHorizon());

        assertThat(result.records()).hasSize(1);
        StreamRecord record = result.records().get(0);
        assertThat(record.sequenceNumber()).isEqualTo(sequence);
        assertThat(record.partitionKey()).isEqualTo("key-1");
        assertThat(record.approximateArrivalTimestamp()).isAfter(before);
        JsonNode json = JSON.readTree(record.json().utf8());
        assertThat(fieldNames(json))
                .containsExactly(
                        "kinesis",
                        "eventSource",
                        "eventVersion",
                        "eventID",
                        "eventName",
                        "invokeIdentityArn",
                        "awsRegion",
                        "eventSourceARN");
        assertThat(fieldNames(json.get("kinesis")))
                .containsExactly(
                        "kinesisSchemaVersion",
                        "partitionKey",
                        "sequenceNumber",
                        "data",
                        "approximateArrivalTimestamp");
        assertThat(json.get("kinesis").get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(json.get("kinesis").get("partitionKey").asText()).isEqualTo("key-1");
        assertThat(json.get("kinesis").get("sequenceNumber").asText()).isEqualTo(sequence);
        assertThat(new String(
                        Base64.getDecoder()
                                .decode(json.get("kinesis").get("data").asText()),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"hello\":\"world\"}");
        JsonNode arrival = json.get("kinesis").get("approximateArrivalTimestamp");
        assertThat(arrival.isNumber()).isTrue();
        assertThat(arrival.decimalValue().movePointRight(3).longValueExact())
                .isEqualTo(record.approximateArrivalTimestamp().toEpochMilli());
        assertThat(json.get("eventSource").asText()).isEqualTo("aws:kinesis");
        assertThat(json.get("eventVersion").asText()).isEqualTo("1.0");
        assertThat(json.get("eventID").asText()).isEqualTo(shardId + ":" + sequence);
        assertThat(json.get("eventName").asText()).isEqualTo("aws:kinesis:record");
        assertThat(json.get("invokeIdentityArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/tributary");
        assertThat(json.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(json.get("eventSourceARN").asText()).isEqualTo(kinesalite.streamArn(name));
    }

    @Test
    void everyIteratorTypeStartsWhereKinesisSays() {
        String name = newStream(1);
        StreamSource source = connector.open(kinesalite.streamArn(name));
        String shardId = source.listShards().join().get(0).shardId();
        String first = kinesis.put(name, "k", "1");
        String second = kinesis.put(name, "k", "2");
        String latestIterator =
                source.getIterator(shardId, StreamPosition.latest()).join();
        String third = kinesis.put(name, "k", "3");

        assertThat(sequences(read(source, shardId, StreamPosition.trimHorizon())))
                .containsExactly(first, second, third);
        assertThat(sequences(read(source, shardId, StreamPosition.atSequenceNumber(second))))
                .containsExactly(second, third);
        assertThat(sequences(read(source, shardId, StreamPosition.afterSequenceNumber(second))))
                .containsExactly(third);
        assertThat(sequences(source.getRecords(latestIterator, 100).join())).containsExactly(third);
        Instant thirdArrival = read(source, shardId, StreamPosition.atSequenceNumber(third))
                .records()
                .get(0)
                .approximateArrivalTimestamp();
        assertThat(sequences(read(source, shardId, StreamPosition.atTimestamp(thirdArrival))))
                .endsWith(third);
        assertThat(sequences(read(source, shardId, StreamPosition.atTimestamp(Instant.EPOCH))))
                .containsExactly(first, second, third);
    }

    @Test
    void limitBoundsTheRecordsOfOneRead() {
        String name = newStream(1);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(Map.entry("k", "r" + i));
        }
        kinesis.putAll(name, records);
        StreamSource source = connector.open(kinesalite.streamArn(name));
        String shardId = source.listShards().join().get(0).shardId();
        String iterator =
                source.getIterator(shardId, StreamPosition.trimHorizon()).join();

        GetRecordsResult first = source.getRecords(iterator, 10).join();
        GetRecordsResult rest = source.getRecords(first.nextIterator(), 100_000).join();

        assertThat(first.records()).hasSize(10);
        assertThat(rest.records()).hasSize(20);
        assertThat(rest.records().get(0).sequence())
                .isGreaterThan(first.records().get(9).sequence());
    }

    @Test
    void splitAndMergeShowLineageAndEndedShardsReturnNoNextIterator() {
        String name = newStream(1);
        StreamSource source = connector.open(kinesalite.streamArn(name));
        String parent = source.listShards().join().get(0).shardId();
        String lastOfParent = kinesis.put(name, "k", "before split");

        kinesis.split(name, parent);
        List<StreamShard> afterSplit = source.listShards().join();
        List<StreamShard> children = afterSplit.stream()
                .filter(s -> parent.equals(s.parentShardId()))
                .toList();
        kinesis.merge(name, children.get(0).shardId(), children.get(1).shardId());
        List<StreamShard> afterMerge = source.listShards().join();

        assertThat(afterSplit).hasSize(3);
        assertThat(afterSplit).filteredOn(s -> s.shardId().equals(parent)).allMatch(StreamShard::closed);
        assertThat(children).hasSize(2).allMatch(s -> !s.closed() && s.adjacentParentShardId() == null);
        StreamShard merged = afterMerge.stream()
                .filter(s -> s.adjacentParentShardId() != null)
                .findFirst()
                .orElseThrow();
        assertThat(List.of(merged.parentShardId(), merged.adjacentParentShardId()))
                .containsExactlyInAnyOrder(
                        children.get(0).shardId(), children.get(1).shardId());
        assertThat(merged.closed()).isFalse();
        // Reading the closed parent to its end: its records, then no next iterator.
        String iterator =
                source.getIterator(parent, StreamPosition.trimHorizon()).join();
        List<String> read = new ArrayList<>();
        GetRecordsResult result;
        int reads = 0;
        do {
            result = source.getRecords(iterator, 100).join();
            read.addAll(sequences(result));
            iterator = result.nextIterator();
        } while (!result.shardEnded() && ++reads < 10);
        assertThat(result.shardEnded()).isTrue();
        assertThat(read).containsExactly(lastOfParent);
    }

    @Test
    void readsOfAMissingStreamFailWithSourceException() {
        StreamSource source = connector.open(kinesalite.streamArn("missing"));

        assertThatThrownBy(() -> source.listShards().join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("ResourceNotFoundException");
        assertThatThrownBy(() -> connector.open("arn:aws:kinesis:eu-west-1:000000000000:stream/x"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("region eu-west-1");
    }

    private static GetRecordsResult read(StreamSource source, String shardId, StreamPosition position) {
        return source.getRecords(source.getIterator(shardId, position).join(), 10_000)
                .join();
    }

    private static List<String> sequences(GetRecordsResult result) {
        return result.records().stream().map(StreamRecord::sequenceNumber).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
