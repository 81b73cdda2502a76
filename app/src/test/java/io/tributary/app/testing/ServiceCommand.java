package io.tributary.app.testing;

import io.tributary.app.Main;
import java.nio.file.Path;
import java.util.List;

/** The command line that runs {@code tributary run} as a child process on the test class path, as the launcher does. */
public final class ServiceCommand {
    private ServiceCommand() {}

    public static List<String> of(Path config, int apiPort, Path dataDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(
                java,
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Daws.cborEnabled=false",
                // The test class path carries a quieter logging setup; the child logs as `tributary run` does.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--config",
                config.toString(),
                "--port",
                Integer.toString(apiPort),
                "--data-dir",
                dataDir.toString());
    }
}
