package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers that need no running service: help, usage errors, config errors. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void helpPrintsUsageAndExitsZero() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(out()).startsWith("Usage: tributary run [--config FILE] [--port N] [--data-dir DIR]");
        assertThat(err()).isEmpty();
    }

    @Test
    void aUsageErrorSaysWhatIsWrongAndExitsTwo() {
        int status = run("run", "--port", "x");

        assertThat(status).isEqualTo(2);
        assertThat(err())
                .isEqualTo("tributary: --port must be a port number from 1 to 65535, got 'x'\n"
                        + "Run 'tributary --help' for usage.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void aConfigErrorNamesFileAndKeyWithoutAStackTraceAndExitsTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "Functions:\n  - FunctionName: f\n    Timeout: 0\n");

        int status = run(
                "run",
                "--config",
                config.toString(),
                "--data-dir",
                dir.resolve("data").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err())
                .isEqualTo("tributary: config error: " + config
                        + ": Functions[0].Timeout: must be a whole number from 1 to 900, got 0\n");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was started").isFalse();
    }

    @Test
    void aMissingConfigFileIsAConfigError() {
        int status = run("run", "--config", dir.resolve("nope.yaml").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("nope.yaml: (file): no such file");
    }

    private int run(String... args) {
        return Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new Main.ShutdownSignal());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
