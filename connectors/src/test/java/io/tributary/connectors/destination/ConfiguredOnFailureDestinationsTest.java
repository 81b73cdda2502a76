package io.tributary.connectors.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.OnFailureDestination;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which ARNs resolve to which destination; no request is sent (clients connect lazily). */
class ConfiguredOnFailureDestinationsTest {
    private static final DestinationEndpoint LOCAL =
            new DestinationEndpoint(URI.create("http://127.0.0.1:1"), "test", "test");

    @Test
    void resolvesEachServiceItHasAnEndpointFor() {
        try (var destinations = ConfiguredOnFailureDestinations.builder("us-east-1", "000000000000")
                .sqs(LOCAL)
                .sns(LOCAL)
                .s3(LOCAL)
                .build()) {
            assertThat(destinations.find("arn:aws:sqs:us-east-1:000000000000:failures"))
                    .get()
                    .isInstanceOf(SqsOnFailureDestination.class);
            assertThat(destinations.find("arn:aws:sns:us-east-1:000000000000:failures"))
                    .get()
                    .isInstanceOf(SnsOnFailureDestination.class);
            assertThat(destinations.find("arn:aws:s3:::my-failure-bucket"))
                    .get()
                    .isInstanceOf(S3OnFailureDestination.class)
                    .extracting(OnFailureDestination::arn)
                    .isEqualTo("arn:aws:s3:::my-failure-bucket");
        }
    }

    @Test
    void servicesWithoutEndpointAndOtherArnsResolveToNothing() {
        try (var destinations = ConfiguredOnFailureDestinations.builder("us-east-1", "000000000000")
                .sqs(LOCAL)
                .build()) {
            assertThat(destinations.find("arn:aws:sns:us-east-1:000000000000:failures"))
                    .isEmpty();
            assertThat(destinations.find("arn:aws:s3:::my-failure-bucket")).isEmpty();
            assertThat(destinations.find("arn:aws:lambda:us-east-1:000000000000:function:f"))
                    .isEmpty();
            assertThat(destinations.find("arn:aws:s3:::Not_A_Bucket")).isEmpty();
            assertThat(destinations.find(null)).isEmpty();
        }
    }
}
