package io.tributary.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code tributary run} was told on its command line.
 *
 * @param configFile {@code --config FILE}; empty means the built-in demo
 * @param apiPort {@code --port N}, the HTTP API's port on 127.0.0.1 (default 9050)
 * @param dataDir {@code --data-dir DIR}, where queues, messages and mappings are kept (default {@code ./.tributary})
 */
public record ServiceOptions(Optional<Path> configFile, int apiPort, Path dataDir) {
    public static final int DEFAULT_API_PORT = 9050;
    public static final Path DEFAULT_DATA_DIR = Path.of(".tributary");
    /** Tributary's servers listen on the loopback interface only: nothing here is authenticated. */
    public static final String HOST = "127.0.0.1";

    public ServiceOptions {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(dataDir, "dataDir");
        if (apiPort < 1 || apiPort > 65535) {
            throw new IllegalArgumentException("apiPort must be 1..65535: " + apiPort);
        }
    }

    public static ServiceOptions defaults() {
        return new ServiceOptions(Optional.empty(), DEFAULT_API_PORT, DEFAULT_DATA_DIR);
    }
}
