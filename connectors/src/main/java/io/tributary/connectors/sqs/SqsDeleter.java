package io.tributary.connectors.sqs;

import io.tributary.api.QueueDescription;
import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes messages with {@code DeleteMessageBatch}: chunks of 10 (SQS's maximum per call) sent in parallel.
 *
 * <p>Per-entry failures are sorted: an invalid or expired receipt handle means the message was already deleted or
 * has been received again by someone else; deleting it is then impossible and unnecessary (it will be redelivered:
 * at-least-once), so it is logged and not an error. Other entries are retried once in a new batch; if they fail again
 * the future fails with a {@link SourceException} naming them.
 */
final class SqsDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(SqsDeleter.class);

    private final SqsAsyncClient client;
    private final SqsSettings settings;
    private final QueueDescription queue;

    SqsDeleter(SqsAsyncClient client, SqsSettings settings, QueueDescription queue) {
        this.client = client;
        this.settings = settings;
        this.queue = queue;
    }

    CompletableFuture<Void> delete(List<SourceRecord> records) {
        return SqsBatchCall.send(
                records,
                chunk -> deleteChunk(chunk, true),
                failure -> SqsErrors.toSourceException("DeleteMessageBatch", queue.arn(), settings, failure),
                failed -> "SQS DeleteMessageBatch on queue " + queue.arn() + " could not delete " + failed.size()
                        + " message(s), also after a retry: " + String.join("; ", failed));
    }

    /** Deletes up to 10 records; completes with a description of each entry that could not be deleted. */
    private CompletableFuture<List<String>> deleteChunk(List<SourceRecord> chunk, boolean retryFailures) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            // Entry ids only need to be unique within the call; the index maps failures back to records.
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(chunk.get(i).ackHandle())
                    .build());
        }
        return client.deleteMessageBatch(r -> r.queueUrl(queue.url()).entries(entries))
                .thenCompose(response -> {
                    if (response.failed().isEmpty()) {
                        return CompletableFuture.completedFuture(List.of());
                    }
                    List<SourceRecord> retry = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    for (BatchResultErrorEntry error : response.failed()) {
                        SourceRecord record = chunk.get(Integer.parseInt(error.id()));
                        if (isStaleReceiptHandle(error)) {
                            LOG.warn(
                                    "Message {} of queue {} was not deleted: its receipt handle is no longer valid ({}:"
                                            + " {}). It was deleted already or received again, and will be"
                                            + " processed again if it is still in the queue.",
                                    record.id(),
                                    queue.arn(),
                                    error.code(),
                                    error.message());
                        } else if (retryFailures) {
                            retry.add(record);
                        } else {
                            failed.add(record.id() + " (" + error.code() + ": " + error.message() + ")");
                        }
                    }
                    if (retry.isEmpty()) {
                        return CompletableFuture.completedFuture(failed);
                    }
                    LOG.info(
                            "Retrying the deletion of {} message(s) from queue {}: {}",
                            retry.size(),
                            queue.arn(),
                            response.failed().stream()
                                    .map(e -> e.code() + ": " + e.message())
                                    .collect(Collectors.joining("; ")));
                    return deleteChunk(retry, false);
                });
    }

    /**
     * {@code ReceiptHandleIsInvalid}, or {@code InvalidParameterValue} about the receipt handle ("The receipt handle
     * has expired"), see <a
     * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html">DeleteMessage</a>.
     */
    static boolean isStaleReceiptHandle(BatchResultErrorEntry error) {
        String code = error.code() == null ? "" : error.code();
        String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        return code.endsWith("ReceiptHandleIsInvalid")
                || (code.endsWith("InvalidParameterValue")
                        && (message.contains("receipt handle") || message.contains("receipthandle")));
    }
}
