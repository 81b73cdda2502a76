package io.tributary.connectors.sqs;

import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Polls one SQS queue: {@code ReceiveMessage} with every system and message attribute, converted to Lambda's record
 * JSON by {@link SqsRecordConverter}; deletes through {@link SqsDeleter} ({@code DeleteMessageBatch}); releases through
 * {@link SqsReleaser} ({@code ChangeMessageVisibilityBatch} to 0).
 *
 * <p>Thread-safe and non-blocking; shares its connector's client, so {@link #close()} does nothing. Cancelling a
 * {@link #receive} future aborts the long poll.
 */
public final class SqsQueueSource implements QueueSource {
    /** SQS's bounds for ReceiveMessage (MaxNumberOfMessages 1..10, WaitTimeSeconds 0..20). */
    static final int MAX_MESSAGES = 10;

    static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final SqsAsyncClient client;
    private final SqsSettings settings;
    private final QueueDescription description;
    private final Clock clock;
    private final SqsRecordConverter converter;
    private final SqsDeleter deleter;
    private final SqsReleaser releaser;
    /** The receive a busy poller sends again and again (10 messages, 20 s long poll), built once. */
    private final ReceiveMessageRequest fullLongPoll;

    SqsQueueSource(SqsAsyncClient client, SqsSettings settings, QueueDescription description, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
        String region =
                SqsQueueArn.parse(description.arn()).map(SqsQueueArn::region).orElse(settings.region());
        this.converter = new SqsRecordConverter(description.arn(), region, description.fifo());
        this.deleter = new SqsDeleter(client, settings, description);
        this.releaser = new SqsReleaser(client, settings, description);
        this.fullLongPoll = receiveRequest(MAX_MESSAGES, MAX_WAIT);
    }

    @Override
    public QueueDescription description() {
        return description;
    }

    /**
     * Receives up to {@code maxMessages} messages, long-polling up to {@code waitTime} (whole seconds, rounded down).
     * All records of one response share one {@code receivedAt}.
     */
    @Override
    public CompletableFuture<List<SourceRecord>> receive(int maxMessages, Duration waitTime) {
        if (maxMessages < 1 || maxMessages > MAX_MESSAGES) {
            throw new IllegalArgumentException("maxMessages must be 1..10: " + maxMessages);
        }
        if (waitTime.isNegative() || waitTime.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("waitTime must be 0..20 s: " + waitTime);
        }
        ReceiveMessageRequest request = maxMessages == MAX_MESSAGES && waitTime.toSeconds() == MAX_WAIT.toSeconds()
                ? fullLongPoll
                : receiveRequest(maxMessages, waitTime);
        CompletableFuture<ReceiveMessageResponse> call = client.receiveMessage(request);
        // A fresh future completed by hand, so callers see the SourceException itself, not a CompletionException.
        CompletableFuture<List<SourceRecord>> result = new CompletableFuture<>();
        call.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(
                        SqsErrors.toSourceException("ReceiveMessage", description.arn(), settings, failure));
                return;
            }
            try {
                result.complete(toRecords(response.messages()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        // Cancelling the caller's future (a mapping stopping) aborts the long poll instead of leaving it open 20 s.
        result.whenComplete((records, failure) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    private ReceiveMessageRequest receiveRequest(int maxMessages, Duration waitTime) {
        return ReceiveMessageRequest.builder()
                .queueUrl(description.url())
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds((int) waitTime.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build();
    }

    private List<SourceRecord> toRecords(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Instant receivedAt = clock.instant();
        List<SourceRecord> records = new ArrayList<>(messages.size());
        for (Message message : messages) {
            records.add(converter.toRecord(message, receivedAt));
        }
        return records;
    }

    /**
     * Deletes the records with {@code DeleteMessageBatch}, 10 per call, the calls in parallel. A stale or invalid
     * receipt handle is logged, not an error (the message comes back and is processed again: at-least-once); any
     * other failed entry is retried once, then the future fails with a {@link io.tributary.api.SourceException}
     * naming the messages.
     */
    @Override
    public CompletableFuture<Void> delete(List<SourceRecord> records) {
        return deleter.delete(records);
    }

    /**
     * Makes the records visible again at once with {@code ChangeMessageVisibilityBatch} (VisibilityTimeout 0), 10 per
     * call, the calls in parallel. A stale receipt handle or a message no longer in flight is not an error; any other
     * failed entry fails the future with a {@link io.tributary.api.SourceException} naming the messages (they
     * reappear after the visibility timeout).
     */
    @Override
    public CompletableFuture<Void> release(List<SourceRecord> records) {
        return releaser.release(records);
    }

    @Override
    public String toString() {
        return "SqsQueueSource[" + description.arn() + "]";
    }
}
