package io.tributary.app.kinesis;

import static org.awaitility.Awaitility.await;

import io.tributary.connectors.destination.DestinationEndpoint;
import io.tributary.connectors.testing.LocalPorts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-process S3 server (s3proxy with its in-memory blob store, shared/DEPENDENCIES.md) for on-failure
 * destinations, with a client to create buckets and read what arrived. Requests are signed with the keys
 * {@code test}/{@code test}, as a real server would check them.
 */
final class LocalS3 implements AutoCloseable {
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";

    private final S3Proxy server;
    private final URI endpoint;
    private final S3Client client;

    LocalS3() {
        endpoint = URI.create("http://127.0.0.1:" + LocalPorts.free());
        server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on " + endpoint, e);
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "STARTED".equals(server.getState()));
        client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(KinesisEngine.REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** How Tributary reaches this server. */
    DestinationEndpoint destinationEndpoint() {
        return new DestinationEndpoint(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    /** Creates the bucket; returns its ARN. */
    String createBucket(String name) {
        client.createBucket(r -> r.bucket(name));
        return bucketArn(name);
    }

    static String bucketArn(String name) {
        return "arn:aws:s3:::" + name;
    }

    /** The keys in the bucket, in S3's (lexicographic) order. */
    List<String> keys(String bucket) {
        return client.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    String read(String bucket, String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
