package io.tributary.connectors.destination;

import java.net.URI;
import java.util.Optional;

/**
 * Where one destination service (SQS, SNS or S3) is reached, and with which keys.
 *
 * @param endpoint the service's endpoint, e.g. {@code http://127.0.0.1:9000} for an S3-compatible server, or
 *     {@code null} for AWS's endpoint of the region
 * @param accessKeyId static credentials, or {@code null} (with {@code secretAccessKey}) for the AWS SDK's default
 *     credential chain
 */
public record DestinationEndpoint(URI endpoint, String accessKeyId, String secretAccessKey) {
    public DestinationEndpoint {
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey come together, or neither is set");
        }
    }

    /** AWS's endpoint of the region and the default credential chain. */
    public static DestinationEndpoint aws() {
        return new DestinationEndpoint(null, null, null);
    }

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    @Override
    public String toString() {
        return "DestinationEndpoint[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=" + (secretAccessKey == null ? null : "****") + "]";
    }
}
