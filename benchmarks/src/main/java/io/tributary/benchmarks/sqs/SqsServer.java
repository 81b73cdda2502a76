package io.tributary.benchmarks.sqs;

import io.tributary.app.sqs.EmbeddedSqs;
import io.tributary.connectors.sqs.ElasticMqServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The SQS server every client of one comparison talks to, in this JVM. */
public interface SqsServer extends AutoCloseable {
    String REGION = "us-east-1";
    String ACCOUNT = "000000000000";

    URI endpoint();

    /** Which server, in words for the report. */
    String description();

    @Override
    void close();

    /** Plain ElasticMQ keeping messages in memory: the fastest server, so the fairest ceiling. */
    static SqsServer inMemory() {
        ElasticMqServer server = ElasticMqServer.start();
        return new SqsServer() {
            @Override
            public URI endpoint() {
                return server.endpoint();
            }

            @Override
            public String description() {
                return "in-memory ElasticMQ 1.7.1";
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** Tributary's embedded server (ElasticMQ persisting every change to H2), in a temporary directory. */
    static SqsServer persistentEmbedded() {
        Path dir;
        try {
            dir = Files.createTempDirectory("tributary-bench-sqs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedSqs sqs = EmbeddedSqs.start(dir, 0, REGION, ACCOUNT);
        return new SqsServer() {
            @Override
            public URI endpoint() {
                return sqs.endpoint();
            }

            @Override
            public String description() {
                return "Tributary's embedded SQS server (ElasticMQ persisting to H2)";
            }

            @Override
            public void close() {
                sqs.close();
                deleteRecursively(dir);
            }
        };
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
