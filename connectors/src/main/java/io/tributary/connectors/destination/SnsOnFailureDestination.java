package io.tributary.connectors.destination;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.SourceException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.sns.SnsAsyncClient;

/**
 * An SNS topic as a stream mapping's {@code DestinationConfig.OnFailure}: each on-failure record is published as one
 * message whose {@code Message} is the record's JSON, as Lambda does (spec §3.3,
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). Like SQS records, SNS records
 * carry no record data. A Publish that fails (topic missing, endpoint down) completes exceptionally with
 * {@link SourceException}, and the engine publishes again later while the shard waits.
 *
 * <p>Thread-safe.
 */
final class SnsOnFailureDestination implements OnFailureDestination {
    private final SnsAsyncClient client;
    private final String topicArn;

    SnsOnFailureDestination(SnsAsyncClient client, String topicArn) {
        this.client = Objects.requireNonNull(client, "client");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public String arn() {
        return topicArn;
    }

    @Override
    public CompletableFuture<Void> publish(OnFailureRecord record) {
        String message = record.json().utf8();
        return client.publish(r -> r.topicArn(topicArn).message(message)).handle((published, error) -> {
            if (error != null) {
                throw new CompletionException(failure(error));
            }
            return null;
        });
    }

    private SourceException failure(Throwable error) {
        return DestinationErrors.failed("publishing the on-failure record to SNS topic " + topicArn + " failed", error);
    }
}
