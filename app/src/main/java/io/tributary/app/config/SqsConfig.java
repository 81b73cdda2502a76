package io.tributary.app.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Sqs} block: which SQS server to use and the queues to create at start.
 *
 * @param endpoint {@code Sqs.Endpoint}; empty means the embedded server
 * @param port {@code Sqs.Port}, the embedded server's port on 127.0.0.1 (0 = any free port); only for the embedded
 *     server
 * @param credentials {@code Sqs.AccessKeyId} and {@code Sqs.SecretAccessKey}; empty means the default AWS credential
 *     chain
 * @param queues {@code Sqs.Queues}, created at start when missing
 */
public record SqsConfig(
        Optional<URI> endpoint, int port, Optional<CredentialsConfig> credentials, List<QueueConfig> queues) {

    public static final int DEFAULT_PORT = 9324;

    public SqsConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        queues = List.copyOf(queues);
    }

    /** The embedded server on the default port, no queues. */
    public static SqsConfig embeddedDefaults() {
        return new SqsConfig(Optional.empty(), DEFAULT_PORT, Optional.empty(), List.of());
    }

    /** Whether Tributary starts its own SQS server (no {@code Sqs.Endpoint}). */
    public boolean embedded() {
        return endpoint.isEmpty();
    }
}
