package io.tributary.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a running Tributary can be reached.
 *
 * @param api the HTTP API (Lambda's event source mapping API), e.g. {@code http://127.0.0.1:9050}
 * @param sqs the SQS endpoint in use: the embedded server's or {@code Sqs.Endpoint}
 * @param embeddedSqs whether {@code sqs} is Tributary's own embedded server
 * @param dataDir the absolute data directory
 */
public record Endpoints(URI api, URI sqs, boolean embeddedSqs, Path dataDir) {
    public Endpoints {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
