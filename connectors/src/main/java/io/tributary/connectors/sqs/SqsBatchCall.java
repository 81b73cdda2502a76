package io.tributary.connectors.sqs;

import io.tributary.api.SourceException;
import io.tributary.api.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One per-message operation on many messages (delete, release): chunks of 10, SQS's maximum entries per batch call,
 * sent in parallel, and one outcome for all of them.
 */
final class SqsBatchCall {
    /** SQS's limit of entries per batch call (DeleteMessageBatch, ChangeMessageVisibilityBatch). */
    static final int BATCH_SIZE = 10;

    private SqsBatchCall() {}

    /**
     * @param chunkCall sends one chunk of up to 10 records; completes with a description of each entry that failed
     * @param failed the error text for the entries that failed, given their descriptions
     * @return completes when every chunk is answered; fails with a {@link SourceException} (not wrapped) when a call
     *     failed or an entry did
     */
    static CompletableFuture<Void> send(
            List<SourceRecord> records,
            Function<List<SourceRecord>, CompletableFuture<List<String>>> chunkCall,
            Function<Throwable, SourceException> callFailed,
            Function<List<String>, String> failed) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Completed by hand, so callers see the SourceException itself, not a CompletionException around it.
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (records.size() <= BATCH_SIZE) {
            // One call (a poller's batch of up to 10): its outcome is the outcome, without joining futures.
            chunkCall.apply(records).whenComplete((failedEntries, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(callFailed.apply(failure));
                } else if (failedEntries.isEmpty()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new SourceException(failed.apply(failedEntries)));
                }
            });
            return result;
        }
        List<CompletableFuture<List<String>>> chunks = new ArrayList<>((records.size() + BATCH_SIZE - 1) / BATCH_SIZE);
        for (int from = 0; from < records.size(); from += BATCH_SIZE) {
            chunks.add(chunkCall.apply(records.subList(from, Math.min(from + BATCH_SIZE, records.size()))));
        }
        CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                result.completeExceptionally(callFailed.apply(failure));
                return;
            }
            List<String> failedEntries =
                    chunks.stream().flatMap(chunk -> chunk.join().stream()).toList();
            if (failedEntries.isEmpty()) {
                result.complete(null);
            } else {
                result.completeExceptionally(new SourceException(failed.apply(failedEntries)));
            }
        });
        return result;
    }
}
