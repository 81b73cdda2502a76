package io.tributary.app.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Kinesis} block: which Kinesis endpoint stream mappings read from.
 *
 * @param endpoint {@code Kinesis.Endpoint}, e.g. {@code http://127.0.0.1:4567} for kinesalite; empty means AWS's
 *     Kinesis endpoint of {@code Region}
 * @param credentials {@code Kinesis.AccessKeyId} and {@code Kinesis.SecretAccessKey}; empty means the default AWS
 *     credential chain
 */
public record KinesisConfig(Optional<URI> endpoint, Optional<CredentialsConfig> credentials) {
    public KinesisConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** No {@code Kinesis} block: AWS's endpoint for the region and the default credential chain. */
    public static KinesisConfig awsDefaults() {
        return new KinesisConfig(Optional.empty(), Optional.empty());
    }
}
