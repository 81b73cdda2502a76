package io.tributary.connectors.sqs.camel;

import io.tributary.api.QueueSource;
import io.tributary.api.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's SQS consumer: long-polls up to {@code maxMessagesPerPoll} messages, routes them as ONE exchange whose
 * body is the {@code List<SourceRecord>}, and once the exchange completed without exception deletes the whole list
 * with DeleteMessageBatch. When the exchange fails nothing is deleted: the messages come back after the queue's
 * visibility timeout, as with Lambda (spec §3.2). Unlike the stock aws2-sqs consumer, it never deletes before the
 * outcome is known and never deletes one message per call.
 *
 * <p>One batch in flight per consumer; the loop runs on its own single thread, so a slow route never blocks the
 * AWS SDK's threads. An exception handled by the route ({@code onException().handled(true)}) counts as success.
 */
final class SqsConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SqsConsumer.class);

    private final SqsEndpoint endpoint;
    private volatile boolean running;
    private volatile QueueSource source;
    private volatile ScheduledExecutorService loop;
    private volatile CompletableFuture<List<SourceRecord>> pendingReceive;

    SqsConsumer(SqsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        source = endpoint.openSource();
        loop = getEndpoint()
                .getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "TributarySqsConsumer[" + endpoint.getQueueName() + "]");
        running = true;
        loop.execute(this::poll);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        CompletableFuture<List<SourceRecord>> receive = pendingReceive;
        if (receive != null) {
            receive.cancel(true); // aborts the long poll; nothing was received, so nothing is lost
        }
        if (loop != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(loop);
            loop = null;
        }
        super.doStop();
    }

    private void poll() {
        ScheduledExecutorService executor = loop;
        if (!running || executor == null) {
            return;
        }
        CompletableFuture<List<SourceRecord>> receive =
                source.receive(endpoint.getMaxMessagesPerPoll(), Duration.ofSeconds(endpoint.getWaitTimeSeconds()));
        pendingReceive = receive;
        // If the loop is shut down meanwhile, the hand-over is rejected and whatever was received returns to the
        // queue after its visibility timeout.
        receive.whenCompleteAsync(this::onReceived, executor);
    }

    private void onReceived(List<SourceRecord> records, Throwable failure) {
        if (!running) {
            return; // stopping: whatever arrived returns to the queue after its visibility timeout
        }
        if (failure != null) {
            LOG.warn(
                    "Polling SQS queue {} failed, trying again in {} ms: {}",
                    endpoint.getQueueName(),
                    endpoint.getErrorBackoffMillis(),
                    failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage());
            schedulePoll(endpoint.getErrorBackoffMillis());
        } else if (records.isEmpty()) {
            poll();
        } else {
            process(records);
        }
    }

    private void process(List<SourceRecord> records) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(records);
        getAsyncProcessor().process(exchange, doneSync -> afterProcessing(exchange, records));
    }

    private void afterProcessing(Exchange exchange, List<SourceRecord> records) {
        Exception failure = exchange.getException();
        if (failure != null) {
            getExceptionHandler()
                    .handleException(
                            "Processing " + records.size() + " message(s) from SQS queue " + endpoint.getQueueName()
                                    + " failed; none were deleted, they return after the visibility timeout",
                            exchange,
                            failure);
            releaseExchange(exchange, false);
            poll();
            return;
        }
        releaseExchange(exchange, false);
        source.delete(records).whenComplete((ignored, deleteFailure) -> {
            if (deleteFailure != null) {
                LOG.warn(
                        "Could not delete {} processed message(s) from SQS queue {}; they will be delivered again: {}",
                        records.size(),
                        endpoint.getQueueName(),
                        deleteFailure.getMessage());
            }
            poll();
        });
    }

    private void schedulePoll(long delayMillis) {
        ScheduledExecutorService executor = loop;
        if (running && executor != null) {
            try {
                executor.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // the consumer stopped meanwhile
            }
        }
    }
}
