package io.tributary.app;

import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.invoker.Functions;
import io.tributary.mapper.control.FileMappingStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the parts of the service that need neither SQS nor each other on a background thread, while the embedded SQS
 * server restores its queues (seconds with 1,000 queues, on one core): the Kinesis connector (its SDK client loads
 * most of the AWS SDK, ~0.4 s, which the SQS connector built next then finds loaded), the AWS CRT library of the SQS
 * client, the functions, and the mapping store (which reads every stored mapping).
 *
 * <p>{@link Tributary#start} takes each part where it used to build it, so a part that fails is reported at the same
 * point of the start, after the same earlier failures, with the same exception. {@link #close()} waits for the
 * background thread and closes what was built but not taken (a start that failed before taking it).
 */
final class StartAhead implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StartAhead.class);

    private final Part<KinesisConnector> kinesis;
    private final Part<Functions> functions;
    private final Part<FileMappingStore> mappingStore;

    /**
     * Starts building, in this order, on one daemon thread (the restore keeps the other core busy).
     *
     * @param kinesis builds the Kinesis connector
     * @param functions loads the functions (throws the config error that names the key)
     * @param mappingStore opens the mapping store
     */
    StartAhead(
            Supplier<KinesisConnector> kinesis,
            Supplier<Functions> functions,
            Supplier<FileMappingStore> mappingStore) {
        this.kinesis = new Part<>(kinesis, KinesisConnector::close);
        this.functions = new Part<>(functions, Functions::close);
        this.mappingStore = new Part<>(mappingStore, store -> {});
        Thread worker = new Thread(
                () -> {
                    this.kinesis.build();
                    SqsConnector.preloadClient();
                    this.functions.build();
                    this.mappingStore.build();
                },
                "tributary-start-ahead");
        worker.setDaemon(true);
        worker.start();
    }

    KinesisConnector kinesis() {
        return kinesis.take();
    }

    Functions functions() {
        return functions.take();
    }

    FileMappingStore mappingStore() {
        return mappingStore.take();
    }

    /** Closes every part built but not taken, once the background thread is done with it. Never throws. */
    @Override
    public void close() {
        kinesis.closeUnlessTaken();
        functions.closeUnlessTaken();
        mappingStore.closeUnlessTaken();
    }

    /** One part: built once on the background thread, taken once by the start. */
    static final class Part<T> {
        private final Supplier<T> build;
        private final Consumer<T> close;
        private final CompletableFuture<T> built = new CompletableFuture<>();
        private boolean taken;

        Part(Supplier<T> build, Consumer<T> close) {
            this.build = build;
            this.close = close;
        }

        void build() {
            try {
                built.complete(build.get());
            } catch (RuntimeException | Error e) {
                built.completeExceptionally(e);
            }
        }

        /** The part, or the exception that building it threw. */
        synchronized T take() {
            taken = true;
            try {
                return built.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        synchronized void closeUnlessTaken() {
            if (taken) {
                return;
            }
            taken = true;
            try {
                close.accept(built.join());
            } catch (RuntimeException e) { // it failed to build, or to close: nothing is left to stop
                log.debug("A part built ahead of the start could not be closed: {}", e.toString());
            }
        }
    }
}
