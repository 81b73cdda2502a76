package io.tributary.connectors.sqs;

import io.tributary.api.QueueDescription;
import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Makes received messages visible again at once: {@code ChangeMessageVisibilityBatch} with {@code VisibilityTimeout}
 * 0, in chunks of 10 (SQS's maximum per call) sent in parallel. A stopping mapping calls it for messages it received
 * but will not process, so they do not stay hidden for the queue's visibility timeout (see <a
 * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html">ChangeMessageVisibility</a>:
 * "a value of 0 ... makes the message immediately visible").
 *
 * <p>An entry whose receipt handle is no longer valid, or whose message is no longer in flight, is not an error: the
 * message was deleted, received again or is visible already. Other failed entries are not retried (the message
 * reappears after its visibility timeout anyway); the future then fails with a {@link SourceException} naming them.
 */
final class SqsReleaser {
    private static final Logger LOG = LoggerFactory.getLogger(SqsReleaser.class);

    private final SqsAsyncClient client;
    private final SqsSettings settings;
    private final QueueDescription queue;

    SqsReleaser(SqsAsyncClient client, SqsSettings settings, QueueDescription queue) {
        this.client = client;
        this.settings = settings;
        this.queue = queue;
    }

    CompletableFuture<Void> release(List<SourceRecord> records) {
        return SqsBatchCall.send(
                records,
                chunk -> releaseChunk(chunk),
                failure -> SqsErrors.toSourceException("ChangeMessageVisibilityBatch", queue.arn(), settings, failure),
                failed -> "SQS ChangeMessageVisibilityBatch on queue " + queue.arn() + " could not make "
                        + failed.size() + " message(s) visible again: " + String.join("; ", failed));
    }

    /** Releases up to 10 records; completes with a description of each entry that failed for another reason. */
    private CompletableFuture<List<String>> releaseChunk(List<SourceRecord> chunk) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            // Entry ids only need to be unique within the call; the index maps failures back to records.
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(chunk.get(i).ackHandle())
                    .visibilityTimeout(0)
                    .build());
        }
        return client.changeMessageVisibilityBatch(r -> r.queueUrl(queue.url()).entries(entries))
                .thenApply(response -> {
                    List<String> failed = new ArrayList<>(0);
                    for (BatchResultErrorEntry error : response.failed()) {
                        SourceRecord record = chunk.get(Integer.parseInt(error.id()));
                        if (isGone(error)) {
                            LOG.debug(
                                    "Message {} of queue {} needs no release: {}: {}",
                                    record.id(),
                                    queue.arn(),
                                    error.code(),
                                    error.message());
                        } else {
                            failed.add(record.id() + " (" + error.code() + ": " + error.message() + ")");
                        }
                    }
                    return failed;
                });
    }

    /**
     * The message is no longer ours to release: a stale receipt handle (see {@link SqsDeleter#isStaleReceiptHandle})
     * or {@code MessageNotInflight} (it is visible already).
     */
    static boolean isGone(BatchResultErrorEntry error) {
        String code = error.code() == null ? "" : error.code();
        return SqsDeleter.isStaleReceiptHandle(error) || code.endsWith("MessageNotInflight");
    }
}
