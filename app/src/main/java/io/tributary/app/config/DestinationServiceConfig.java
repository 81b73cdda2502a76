package io.tributary.app.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code S3} or {@code Sns} block: where stream mappings' on-failure records for S3 buckets or SNS topics go.
 * Without the block, destinations of that service are not served (a mapping naming one reports it and does not
 * start).
 *
 * @param endpoint {@code Endpoint}, e.g. {@code http://127.0.0.1:9000} for an S3-compatible server; empty means AWS's
 *     endpoint of {@code Region}
 * @param credentials {@code AccessKeyId} and {@code SecretAccessKey}; empty means the default AWS credential chain
 */
public record DestinationServiceConfig(Optional<URI> endpoint, Optional<CredentialsConfig> credentials) {
    public DestinationServiceConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }
}
