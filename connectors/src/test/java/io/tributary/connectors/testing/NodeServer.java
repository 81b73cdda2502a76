package io.tributary.connectors.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An npm-installed test server (kinesalite, fauxqs …) run as a {@code node} child process on a free port of
 * 127.0.0.1: started, waited for until it accepts connections, and stopped (forcibly if it does not exit). Shared
 * with other modules through the connectors test-jar.
 *
 * <pre>{@code
 * int port = LocalPorts.free();
 * NodeServer server = NodeServer.start("kinesalite", cli, port, List.of("--port", String.valueOf(port)), Map.of());
 * }</pre>
 */
public final class NodeServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private NodeServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code node <cli> <args>} with {@code environment} added to this process's, and waits up to
     * {@code timeout} until it accepts connections on {@code port}.
     *
     * @param name what the server is, for errors
     * @throws IllegalStateException when node cannot start, or the server exits or does not listen in time
     */
    public static NodeServer start(
            String name, Path cli, int port, List<String> args, Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("node", cli.toString()));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + cli, e);
        }
        NodeServer server = new NodeServer(process, port);
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue());
                }
                return LocalPorts.accepts(port);
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Where the build installed an npm package's command: the directory in system property {@code property} (set by
     * the poms), else {@code target/<installDir>} in the working directory or the nearest parent that has it (an IDE
     * run), else {@code ../target/<installDir>}.
     *
     * @param cliPath the command inside the install directory, e.g. {@code node_modules/kinesalite/cli.js}
     * @throws IllegalStateException when it is not installed
     */
    public static Path installedCli(String property, String installDir, String cliPath) {
        String dir = System.getProperty(property);
        Path base = dir != null ? Path.of(dir) : findInstall(installDir, cliPath);
        Path cli = base.resolve(cliPath);
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    installDir + " is not installed at " + cli + ": run the build (mvn verify installs it)");
        }
        return cli;
    }

    private static Path findInstall(String installDir, String cliPath) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("target").resolve(installDir);
            if (Files.isRegularFile(candidate.resolve(cliPath))) {
                return candidate;
            }
        }
        return here.resolve(".." + File.separator + "target").resolve(installDir);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the server: asks it to exit, and kills it when it has not after 5 s. */
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
}
