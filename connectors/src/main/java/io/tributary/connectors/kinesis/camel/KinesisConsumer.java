package io.tributary.connectors.kinesis.camel;

import io.tributary.api.StreamPosition;
import io.tributary.api.StreamRecord;
import io.tributary.api.StreamShard;
import io.tributary.api.StreamSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tributary's Kinesis consumer: one reader per readable shard, one exchange per non-empty GetRecords answer (header
 * {@link KinesisComponent#SHARD_ID_HEADER}), the iterator moved on only after the exchange succeeded (the stock aws2-kinesis consumer moves
 * on even when the route failed). Children are read once every listed parent has been read to its end. All state is
 * touched only on the consumer's single thread; Kinesis calls complete there too.
 */
final class KinesisConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisConsumer.class);
    private static final long SHARD_REFRESH_MILLIS = 10_000;

    private final KinesisEndpoint endpoint;
    private final Set<String> reading = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private Set<String> initial;
    private volatile boolean running;
    private volatile StreamSource source;
    private volatile ScheduledExecutorService loop;

    KinesisConsumer(KinesisEndpoint endpoint, Processor processor) {
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
                .newSingleThreadScheduledExecutor(this, "TributaryKinesisConsumer[" + endpoint.getStreamName() + "]");
        running = true;
        loop.execute(() -> refreshShards(true));
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (loop != null) {
            // Pending tasks are only reads and refreshes: nothing was acknowledged that they would finish.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(loop);
            loop = null;
        }
        super.doStop();
    }

    /** Lists the shards and starts the readable ones; the periodic chain reschedules itself. */
    private void refreshShards(boolean periodic) {
        on(source.listShards(), (shards, error) -> {
            if (error != null) {
                LOG.warn("Listing the shards of {} failed: {}", source.streamArn(), error.getMessage());
            } else {
                startReadyShards(shards);
            }
            if (periodic) {
                later(SHARD_REFRESH_MILLIS, () -> refreshShards(true));
            }
        });
    }

    private void startReadyShards(List<StreamShard> shards) {
        Set<String> listed = new HashSet<>();
        shards.forEach(s -> listed.add(s.shardId()));
        if (initial == null) {
            initial = listed;
        }
        for (StreamShard shard : shards) {
            boolean parentsDone =
                    parentDone(shard.parentShardId(), listed) && parentDone(shard.adjacentParentShardId(), listed);
            if (parentsDone && !reading.contains(shard.shardId()) && !ended.contains(shard.shardId())) {
                reading.add(shard.shardId());
                StreamPosition position =
                        initial.contains(shard.shardId()) ? endpoint.initialPosition() : StreamPosition.trimHorizon();
                open(shard.shardId(), position);
            }
        }
    }

    private boolean parentDone(String parent, Set<String> listed) {
        return parent == null || ended.contains(parent) || !listed.contains(parent);
    }

    private void open(String shardId, StreamPosition position) {
        on(source.getIterator(shardId, position), (iterator, error) -> {
            if (error != null) {
                LOG.warn("Opening shard {} failed: {}", shardId, error.getMessage());
                later(endpoint.getErrorBackoffMillis(), () -> open(shardId, position));
            } else {
                poll(shardId, iterator);
            }
        });
    }

    private void poll(String shardId, String iterator) {
        on(source.getRecords(iterator, endpoint.getMaxRecords()), (result, error) -> {
            if (error != null) {
                LOG.warn("Reading shard {} failed: {}", shardId, error.getMessage());
                later(endpoint.getErrorBackoffMillis(), () -> poll(shardId, iterator));
            } else if (result.records().isEmpty()) {
                next(shardId, result.nextIterator(), endpoint.getPollDelayMillis());
            } else {
                process(shardId, result.records(), result.nextIterator());
            }
        });
    }

    /** Routes the records; on success reads on from {@code next}, on failure routes the same records again later. */
    private void process(String shardId, List<StreamRecord> records, String next) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(records);
        exchange.getIn().setHeader(KinesisComponent.SHARD_ID_HEADER, shardId);
        getAsyncProcessor().process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            releaseExchange(exchange, false);
            if (failure != null) {
                getExceptionHandler()
                        .handleException(
                                "Processing " + records.size() + " record(s) of shard " + shardId
                                        + " failed; routing them again in " + endpoint.getErrorBackoffMillis() + " ms",
                                failure);
                later(endpoint.getErrorBackoffMillis(), () -> process(shardId, records, next));
            } else {
                later(0, () -> next(shardId, next, 0));
            }
        });
    }

    private void next(String shardId, String iterator, long delayMillis) {
        if (iterator == null) {
            reading.remove(shardId);
            ended.add(shardId);
            LOG.info("Shard {} of {} is read to its end", shardId, source.streamArn());
            refreshShards(false); // its children may start now
        } else {
            later(delayMillis, () -> poll(shardId, iterator));
        }
    }

    private <T> void on(CompletableFuture<T> call, BiConsumer<T, Throwable> then) {
        ScheduledExecutorService executor = loop;
        if (!running || executor == null) {
            return;
        }
        try {
            call.whenCompleteAsync(
                    (value, error) -> {
                        if (running) {
                            then.accept(value, error);
                        }
                    },
                    executor);
        } catch (RejectedExecutionException stopped) {
            // the consumer stopped meanwhile
        }
    }

    private void later(long delayMillis, Runnable task) {
        ScheduledExecutorService executor = loop;
        if (running && executor != null) {
            try {
                executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // the consumer stopped meanwhile
            }
        }
    }
}
