package io.tributary.mapper.runtime;

import io.tributary.api.QueueSource;
import io.tributary.api.StreamSource;
import io.tributary.mapper.queue.QueueMappingRunner;
import io.tributary.mapper.stream.StreamMappingRunner;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapping's runner, whichever kind of source it reads, and the source to close once the runner is done with it.
 * {@link EngineRuntime} keeps one per started mapping; this type owns the difference between an SQS runner (whose
 * long polls outlive its last batch) and a stream runner (done with its source once its batches are), so the runtime
 * stops and closes both the same way.
 */
interface RunningMapping {
    /** Logged under the runtime's name, as before this type was split out of it. */
    Logger log = LoggerFactory.getLogger(EngineRuntime.class);

    /** Starts polling. */
    void start();

    /** Stops it; completes when no batch is in flight any more. */
    CompletableFuture<Void> stop();

    /** Completes once the stopped runner no longer uses its source. */
    CompletableFuture<Void> finished();

    /** Process shutdown: cuts what still waits on the source short. */
    void cancelPolls();

    AutoCloseable source();

    /** Closes the runner's source once the runner no longer uses it; completes after that. */
    default CompletableFuture<Void> closeWhenFinished(String uuid) {
        return finished().whenComplete((ok, error) -> {
            try {
                source().close();
            } catch (Exception e) {
                log.warn("Mapping {}: closing its source failed: {}", uuid, e.toString());
            }
        });
    }

    record QueueRunning(QueueMappingRunner runner, QueueSource source) implements RunningMapping {
        @Override
        public void start() {
            runner.start();
        }

        @Override
        public CompletableFuture<Void> stop() {
            return runner.stop();
        }

        @Override
        public CompletableFuture<Void> finished() {
            return runner.finished();
        }

        @Override
        public void cancelPolls() {
            runner.cancelPolls();
        }
    }

    /** A stream runner has no long poll: it is done with its source once its batches are. */
    record StreamRunning(StreamMappingRunner runner, StreamSource source) implements RunningMapping {
        @Override
        public void start() {
            runner.start();
        }

        @Override
        public CompletableFuture<Void> stop() {
            return runner.stop();
        }

        @Override
        public CompletableFuture<Void> finished() {
            return runner.stop();
        }

        @Override
        public void cancelPolls() {}
    }
}
