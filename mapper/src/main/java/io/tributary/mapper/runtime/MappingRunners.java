package io.tributary.mapper.runtime;

import io.tributary.api.LambdaFunction;
import io.tributary.api.OnFailureDestination;
import io.tributary.api.QueueConnector;
import io.tributary.api.QueueDescription;
import io.tributary.api.QueueSource;
import io.tributary.api.StreamConnector;
import io.tributary.api.StreamSource;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.filter.FilterCriteria;
import io.tributary.mapper.queue.QueueMappingRunner;
import io.tributary.mapper.queue.QueueMappingSettings;
import io.tributary.mapper.stream.StreamMappingRunner;
import io.tributary.mapper.stream.StreamMappingSettings;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the runner of a mapping whose source and function {@link EngineRuntime} has already checked: translates the
 * mapping's settings and FilterCriteria into what the runner takes, opens the source and wires the runner to the
 * mapping's {@link MappingStatus}. Split out of the runtime so that it keeps only the decisions (when to start, stop
 * or retry a mapping) and this class the plumbing. The runner is returned unstarted: the runtime records it first.
 */
final class MappingRunners {
    /** Logged under the runtime's name, as before this class was split out of it. */
    private static final Logger log = LoggerFactory.getLogger(EngineRuntime.class);

    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MappingStatus status;

    MappingRunners(CheckpointStore checkpoints, Clock clock, Scheduler scheduler, MappingStatus status) {
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.scheduler = scheduler;
        this.status = status;
    }

    /** An SQS mapping's runner on its described queue. */
    RunningMapping queue(
            EventSourceMapping mapping, QueueConnector connector, QueueDescription queue, LambdaFunction function) {
        QueueSource source = connector.open(queue);
        QueueMappingRunner runner = new QueueMappingRunner(
                settings(mapping, queue, function),
                source,
                function,
                filter(mapping),
                clock,
                scheduler,
                status.metricsFor(mapping.uuid()),
                result -> status.result(mapping.uuid(), result));
        return new RunningMapping.QueueRunning(runner, source);
    }

    /** A Kinesis or DynamoDB Streams mapping's runner; {@code onFailure} is {@code null} when none is configured. */
    RunningMapping stream(
            EventSourceMapping mapping,
            StreamConnector connector,
            LambdaFunction function,
            OnFailureDestination onFailure) {
        StreamSource source = connector.open(mapping.eventSourceArn());
        StreamMappingRunner runner = new StreamMappingRunner(
                StreamMappingSettings.from(mapping),
                source,
                function,
                filter(mapping),
                onFailure,
                checkpoints,
                clock,
                scheduler,
                status.metricsFor(mapping.uuid()),
                result -> status.result(mapping.uuid(), result));
        return new RunningMapping.StreamRunning(runner, source);
    }

    /** The mapping's FilterCriteria, validated when it was stored; a record the filter cannot read is invoked. */
    private static RecordFilter filter(EventSourceMapping mapping) {
        if (mapping.filterCriteria() == null || mapping.filterCriteria().isEmpty()) {
            return RecordFilter.ACCEPT_ALL;
        }
        FilterCriteria criteria = FilterCriteria.compile(mapping.sourceKind(), mapping.filterCriteria());
        return record -> {
            try {
                return criteria.matches(record.json());
            } catch (IllegalArgumentException e) {
                log.warn(
                        "Mapping {}: record {} is not valid JSON ({}); passing it to the function unfiltered",
                        mapping.uuid(),
                        record.id(),
                        e.getMessage());
                return true;
            }
        };
    }

    private static QueueMappingSettings settings(
            EventSourceMapping mapping, QueueDescription queue, LambdaFunction function) {
        return new QueueMappingSettings(
                mapping.uuid(),
                queue.arn() + " → " + function.config().name(),
                mapping.batchSize(),
                Duration.ofSeconds(mapping.maximumBatchingWindowInSeconds()),
                mapping.maximumConcurrency() == null
                        ? EngineRuntime.DEFAULT_MAXIMUM_CONCURRENCY
                        : mapping.maximumConcurrency(),
                mapping.reportsBatchItemFailures(),
                queue.fifo(),
                queue.visibilityTimeout());
    }
}
