package io.tributary.connectors.destination;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureRecord;
import io.tributary.api.SourceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * An SQS queue as a stream mapping's {@code DestinationConfig.OnFailure}: each on-failure record becomes one message
 * whose body is the record's JSON, exactly what Lambda sends (spec §3.3,
 * https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). The queue URL is looked up on the
 * first publish and kept; a publish that fails (queue missing, endpoint down) completes exceptionally with
 * {@link SourceException}, and the engine publishes again later while the shard waits.
 *
 * <p>Thread-safe.
 */
final class SqsOnFailureDestination implements OnFailureDestination {
    private final SqsAsyncClient client;
    private final SqsQueue queue;
    private final AtomicReference<String> url = new AtomicReference<>();

    SqsOnFailureDestination(SqsAsyncClient client, SqsQueue queue) {
        this.client = client;
        this.queue = queue;
    }

    @Override
    public String arn() {
        return queue.arn();
    }

    @Override
    public CompletableFuture<Void> publish(OnFailureRecord record) {
        String body = record.json().utf8();
        return queueUrl()
                .thenCompose(
                        queueUrl -> client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)))
                .handle((sent, error) -> {
                    if (error != null) {
                        url.set(null); // the queue may have been recreated: look it up again next time
                        throw new CompletionException(failure(error));
                    }
                    return null;
                });
    }

    private CompletableFuture<String> queueUrl() {
        String known = url.get();
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return client.getQueueUrl(r -> {
                    r.queueName(queue.name());
                    if (queue.accountId() != null) {
                        r.queueOwnerAWSAccountId(queue.accountId());
                    }
                })
                .thenApply(response -> {
                    url.set(response.queueUrl());
                    return response.queueUrl();
                });
    }

    private SourceException failure(Throwable error) {
        return DestinationErrors.failed("sending the on-failure record to SQS queue " + queue.arn() + " failed", error);
    }

    /**
     * @param accountId the owner account to name in GetQueueUrl, or {@code null} for the caller's own account (local
     *     servers may not support the parameter, so it is only sent for another account)
     */
    record SqsQueue(String arn, String name, String accountId) {}
}
