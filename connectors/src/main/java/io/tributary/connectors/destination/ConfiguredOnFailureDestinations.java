package io.tributary.connectors.destination;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureDestinations;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The on-failure destinations Tributary can publish to, each through its configured service endpoint:
 *
 * <ul>
 *   <li>SQS queues, {@code arn:aws:sqs:<region>:<account>:<name>} ({@link SqsOnFailureDestination});
 *   <li>SNS topics, {@code arn:aws:sns:<region>:<account>:<name>} ({@link SnsOnFailureDestination});
 *   <li>S3 buckets, {@code arn:aws:s3:::<bucket>} ({@link S3OnFailureDestination}).
 * </ul>
 *
 * An ARN of a service that has no endpoint here resolves to nothing, and the mapping reports why it cannot start.
 *
 * <p>Thread-safe. Closes the clients it built, never a client it was given.
 */
public final class ConfiguredOnFailureDestinations implements OnFailureDestinations, AutoCloseable {
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\\d{12}):(.+)");
    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[^:/]+");
    // Bucket names: 3 to 63 lowercase letters, digits, dots and hyphens
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html); an S3 ARN has no region or
    // account.
    private static final Pattern S3_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])");

    private final SqsAsyncClient sqs;
    private final SnsAsyncClient sns;
    private final S3AsyncClient s3;
    private final String accountId;
    private final Clock clock;
    private final List<AutoCloseable> owned;
    /** The Netty threads of the clients built here, made with the first of them; ended without a quiet period. */
    private SdkEventLoopGroup eventLoops;

    /**
     * Destinations on a shared SQS client, which this does not close; no SNS or S3.
     *
     * @param accountId the account the client's caller is in: GetQueueUrl names another owner only for other accounts
     */
    public ConfiguredOnFailureDestinations(SqsAsyncClient sqs, String accountId) {
        this(builder("us-east-1", accountId).sqs(sqs));
    }

    private ConfiguredOnFailureDestinations(Builder b) {
        this.accountId = b.accountId;
        this.clock = b.clock;
        this.owned = new ArrayList<>();
        this.sqs = b.sqsClient != null
                ? b.sqsClient
                : build(b.sqs, at -> DestinationClients.sqs(b.region, at, eventLoops()));
        this.sns = build(b.sns, at -> DestinationClients.sns(b.region, at, eventLoops()));
        this.s3 = build(b.s3, at -> DestinationClients.s3(b.region, at, eventLoops()));
    }

    private SdkEventLoopGroup eventLoops() {
        if (eventLoops == null) {
            eventLoops = DestinationClients.eventLoops();
        }
        return eventLoops;
    }

    private <C extends AutoCloseable> C build(DestinationEndpoint at, Function<DestinationEndpoint, C> factory) {
        if (at == null) {
            return null;
        }
        try {
            C client = factory.apply(at);
            owned.add(client);
            return client;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Destinations with their own SQS client and no SNS or S3.
     *
     * @param endpoint the SQS endpoint, or {@code null} for AWS's endpoint of the region
     * @param accessKeyId static credentials, or {@code null} for the AWS SDK's default chain
     */
    public static ConfiguredOnFailureDestinations sqs(
            URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {
        return builder(region, accountId)
                .sqs(new DestinationEndpoint(endpoint, accessKeyId, secretAccessKey))
                .build();
    }

    /**
     * Starts a set of destinations; each service is served only when given an endpoint.
     *
     * @param region the region of the clients (and of AWS's endpoints when an endpoint is not overridden)
     * @param accountId the caller's account: SQS queues of other accounts are looked up with their owner
     */
    public static Builder builder(String region, String accountId) {
        return new Builder(region, accountId);
    }

    @Override
    public Optional<OnFailureDestination> find(String destinationArn) {
        if (destinationArn == null) {
            return Optional.empty();
        }
        Matcher sqsArn = SQS_ARN.matcher(destinationArn);
        if (sqsArn.matches()) {
            if (sqs == null) {
                return Optional.empty();
            }
            String owner = sqsArn.group(2).equals(accountId) ? null : sqsArn.group(2);
            return Optional.of(new SqsOnFailureDestination(
                    sqs, new SqsOnFailureDestination.SqsQueue(destinationArn, sqsArn.group(3), owner)));
        }
        if (SNS_ARN.matcher(destinationArn).matches()) {
            return sns == null ? Optional.empty() : Optional.of(new SnsOnFailureDestination(sns, destinationArn));
        }
        Matcher s3Arn = S3_ARN.matcher(destinationArn);
        if (s3Arn.matches()) {
            return s3 == null
                    ? Optional.empty()
                    : Optional.of(new S3OnFailureDestination(
                            s3,
                            new S3OnFailureDestination.S3Bucket(destinationArn, s3Arn.group(1)),
                            clock,
                            UUID::randomUUID));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        for (AutoCloseable client : owned) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing an SDK client only releases its connections; nothing to do when that fails.
            }
        }
        owned.clear();
        if (eventLoops != null) {
            // The clients are closed, so no task can come any more: no quiet period.
            eventLoops
                    .eventLoopGroup()
                    .shutdownGracefully(0, 2, TimeUnit.SECONDS)
                    .awaitUninterruptibly(2_000);
            eventLoops = null;
        }
    }

    /** Which destination services to serve, and where. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final String region;
        private final String accountId;
        private DestinationEndpoint sqs;
        private SqsAsyncClient sqsClient;
        private DestinationEndpoint sns;
        private DestinationEndpoint s3;
        private Clock clock = Clock.systemUTC();

        private Builder(String region, String accountId) {
            this.region = Objects.requireNonNull(region, "region");
            this.accountId = Objects.requireNonNull(accountId, "accountId");
        }

        /** SQS queues through a client of their own on this endpoint. */
        public Builder sqs(DestinationEndpoint endpoint) {
            this.sqs = Objects.requireNonNull(endpoint, "endpoint");
            this.sqsClient = null;
            return this;
        }

        /** SQS queues through a shared client, which the destinations do not close. */
        public Builder sqs(SqsAsyncClient client) {
            this.sqsClient = Objects.requireNonNull(client, "client");
            this.sqs = null;
            return this;
        }

        /** SNS topics through a client of their own on this endpoint. */
        public Builder sns(DestinationEndpoint endpoint) {
            this.sns = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** S3 buckets through a client of their own on this endpoint. */
        public Builder s3(DestinationEndpoint endpoint) {
            this.s3 = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The clock that dates S3 object keys (the system's UTC clock unless set). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ConfiguredOnFailureDestinations build() {
            return new ConfiguredOnFailureDestinations(this);
        }
    }
}
