package io.tributary.connectors.kinesis;

import io.tributary.connectors.testing.LocalPorts;
import io.tributary.connectors.testing.NodeServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * kinesalite ({@code npm kinesalite@3.3.3}, installed by the build under the root's {@code target/kinesalite}) as a
 * child process on a free port of 127.0.0.1, in memory, up to 50 shards per stream. Shared with other modules through
 * the connectors test-jar.
 *
 * <pre>{@code
 * try (var kinesalite = KinesaliteServer.start(); var connector = new KinesisConnector(kinesalite.settings())) { … }
 * }</pre>
 */
public final class KinesaliteServer implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    private final NodeServer server;

    private KinesaliteServer(NodeServer server) {
        this.server = server;
    }

    /** Starts kinesalite (~0.2 s) and waits until it accepts connections. */
    public static KinesaliteServer start() {
        int port = LocalPorts.free();
        return new KinesaliteServer(NodeServer.start(
                "kinesalite",
                cli(),
                port,
                List.of("--port", String.valueOf(port), "--shardLimit", "50"),
                Map.of(),
                Duration.ofSeconds(20)));
    }

    /** Where the build installed kinesalite: system property {@code kinesalite.dir}, else the usual place. */
    public static Path cli() {
        return NodeServer.installedCli("kinesalite.dir", "kinesalite", "node_modules/kinesalite/cli.js");
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    public KinesisSettings settings() {
        return KinesisSettings.local(endpoint(), REGION, ACCOUNT_ID);
    }

    public String streamArn(String streamName) {
        return settings().streamArn(streamName);
    }

    @Override
    public void close() {
        server.close();
    }
}
