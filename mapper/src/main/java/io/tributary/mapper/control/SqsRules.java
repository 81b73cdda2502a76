package io.tributary.mapper.control;

import io.tributary.api.FunctionConfig;
import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.SourceKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SQS mappings: defaults and checks from https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html and
 * the errors the real service returns (spec §1.5).
 */
final class SqsRules implements SourceRules {
    static final String BATCH_WINDOW_REQUIRED =
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10";
    static final String UNSUPPORTED_DESTINATION =
            "Unsupported DestinationConfig parameter for given event source mapping type.";
    static final String NON_EXISTENT_QUEUE = "Error occurred while ReceiveMessage. SQS Error Code: "
            + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.";
    // Quoted from a CloudFormation failure of the real service (aws/aws-lambda-dotnet#1758).
    static final String FIFO_BATCH_WINDOW = "Batching window is not supported for FIFO queues";
    // AWS's wording for this case is not recorded; this is the message Lambda used when SQS batches were capped at 10.
    static final String FIFO_BATCH_SIZE = "Maximum batch size must be between 1 and 10 inclusive";

    private final List<QueueConnector> queues;
    /** Descriptions fetched ahead by {@link #describingAhead}, by queue ARN; empty for the rules of single calls. */
    private final Map<String, Described> known;

    /** A queue's description, or why describing it failed (rethrown where the check would have described it). */
    private record Described(Optional<QueueDescription> queue, RuntimeException failure) {}

    SqsRules(List<QueueConnector> queues) {
        this(queues, Map.of());
    }

    private SqsRules(List<QueueConnector> queues, Map<String, Described> known) {
        this.queues = List.copyOf(queues);
        this.known = known;
    }

    /**
     * Rules that validate with the queues of {@code queueArns} described ahead, {@code parallelism} at a time: a batch
     * of creates then makes its SQS calls concurrently, before the control plane's lock, instead of two round trips
     * per mapping one after the other under it. Validation itself is unchanged (same checks, same order, same errors).
     */
    SqsRules describingAhead(Collection<String> queueArns, int parallelism) {
        List<String> arns = queueArns.stream().distinct().toList();
        if (arns.isEmpty()) {
            return this;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, arns.size()), task -> {
            Thread thread = new Thread(task, "tributary-describe-ahead");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<Optional<QueueDescription>>> calls = new HashMap<>();
            for (String arn : arns) {
                calls.put(arn, pool.submit(() -> describeNow(arn)));
            }
            Map<String, Described> described = new HashMap<>();
            for (Map.Entry<String, Future<Optional<QueueDescription>>> call : calls.entrySet()) {
                described.put(call.getKey(), outcome(call.getValue()));
            }
            return new SqsRules(queues, Map.copyOf(described));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Described outcome(Future<Optional<QueueDescription>> call) {
        try {
            return new Described(call.get(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing queues", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                return new Described(Optional.empty(), failure);
            }
            throw new IllegalStateException("describing a queue failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public MappingDraft defaults(String eventSourceArn) {
        MappingDraft d = new MappingDraft();
        d.eventSourceArn = eventSourceArn;
        d.sourceKind = SourceKind.SQS;
        d.batchSize = 10;
        d.maximumBatchingWindowInSeconds = 0;
        d.stateTransitionReason = "USER_INITIATED";
        return d;
    }

    @Override
    public void validate(MappingDraft draft, MappingRequest request, FunctionConfig function, boolean create) {
        // FIFO queue names end in ".fifo" (SQS naming rule), so the ARN tells before the queue is described.
        boolean fifoByName = draft.eventSourceArn.endsWith(".fifo");
        if (!fifoByName && draft.batchSize > 10 && draft.maximumBatchingWindowInSeconds == 0) {
            throw EsmException.invalidParameter(BATCH_WINDOW_REQUIRED);
        }
        // OnFailure destinations are for streams and Kafka; SQS uses the queue's redrive policy instead.
        if (request.onFailureDestination() != null
                && !request.onFailureDestination().isEmpty()) {
            throw EsmException.invalidParameter(UNSUPPORTED_DESTINATION);
        }
        QueueDescription queue = describe(draft.eventSourceArn);
        // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: checked on create and update, so a
        // message cannot become visible again while the function still works on it.
        if (function != null && queue.visibilityTimeout().compareTo(function.timeout()) < 0) {
            throw EsmException.invalidParameter("Queue visibility timeout: "
                    + queue.visibilityTimeout().getSeconds() + " seconds is less than Function timeout: "
                    + function.timeout().getSeconds() + " seconds");
        }
        if (queue.fifo() || fifoByName) {
            if (draft.maximumBatchingWindowInSeconds > 0) {
                throw EsmException.invalidParameter(FIFO_BATCH_WINDOW);
            }
            if (draft.batchSize > 10) {
                throw EsmException.invalidParameter(FIFO_BATCH_SIZE);
            }
        }
    }

    private QueueDescription describe(String queueArn) {
        Described ahead = known.get(queueArn);
        Optional<QueueDescription> queue;
        if (ahead == null) {
            queue = describeNow(queueArn);
        } else if (ahead.failure() != null) {
            throw ahead.failure();
        } else {
            queue = ahead.queue();
        }
        return queue.orElseThrow(() -> EsmException.invalidParameter(NON_EXISTENT_QUEUE));
    }

    /** Empty when no connector serves the ARN or the queue does not exist. */
    private Optional<QueueDescription> describeNow(String queueArn) {
        for (QueueConnector connector : queues) {
            if (connector.serves(queueArn)) {
                return connector.describe(queueArn);
            }
        }
        return Optional.empty();
    }

    @Override
    public String duplicateMessage(String eventSourceArn, String functionName, String existingUuid) {
        return "An event source mapping with SQS arn (\" " + eventSourceArn + " \") and function (\" " + functionName
                + " \") already exists. Please update or delete the existing mapping with UUID " + existingUuid;
    }
}
