package io.tributary.app.kinesis;

import io.tributary.api.OnFailureDestination;
import io.tributary.api.OnFailureDestinations;
import io.tributary.api.OnFailureRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real on-failure destinations, counting the publishes that failed, so a test can wait for the engine to have tried
 * (and failed) instead of sleeping. Closes the destinations it wraps.
 */
final class PublishCountingDestinations implements OnFailureDestinations, AutoCloseable {
    private final OnFailureDestinations real;
    private final AutoCloseable closeable;
    private final AtomicInteger failures;

    <T extends OnFailureDestinations & AutoCloseable> PublishCountingDestinations(T real, AtomicInteger failures) {
        this.real = real;
        this.closeable = real;
        this.failures = failures;
    }

    @Override
    public Optional<OnFailureDestination> find(String destinationArn) {
        return real.find(destinationArn).map(this::counting);
    }

    private OnFailureDestination counting(OnFailureDestination destination) {
        return new OnFailureDestination() {
            @Override
            public String arn() {
                return destination.arn();
            }

            @Override
            public CompletableFuture<Void> publish(OnFailureRecord record) {
                return destination.publish(record).whenComplete((ok, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
            }
        };
    }

    @Override
    public void close() throws Exception {
        closeable.close();
    }
}
