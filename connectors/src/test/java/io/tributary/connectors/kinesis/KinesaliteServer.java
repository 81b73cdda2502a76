package io.tributary.connectors.kinesis;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private final Process process;
    private final int port;

    private KinesaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts kinesalite (~0.2 s) and waits until it accepts connections. */
    public static KinesaliteServer start() {
        Path cli = cli();
        int port = freePort();
        try {
            Process process = new ProcessBuilder(
                            List.of("node", cli.toString(), "--port", String.valueOf(port), "--shardLimit", "50"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            KinesaliteServer server = new KinesaliteServer(process, port);
            try {
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("kinesalite exited with " + process.exitValue());
                            }
                            return accepts(port);
                        });
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + cli, e);
        }
    }

    /** Where the build installed kinesalite: system property {@code kinesalite.dir}, else the usual place. */
    public static Path cli() {
        String dir = System.getProperty("kinesalite.dir");
        Path base = dir != null ? Path.of(dir) : findInstall();
        Path cli = base.resolve("node_modules/kinesalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    "kinesalite is not installed at " + cli + ": run the build (mvn verify installs it)");
        }
        return cli;
    }

    private static Path findInstall() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("target/kinesalite");
            if (Files.isDirectory(candidate.resolve("node_modules/kinesalite"))) {
                return candidate;
            }
        }
        return here.resolve(".." + File.separator + "target/kinesalite");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public KinesisSettings settings() {
        return KinesisSettings.local(endpoint(), REGION, ACCOUNT_ID);
    }

    public String streamArn(String streamName) {
        return settings().streamArn(streamName);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
