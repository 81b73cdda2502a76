package io.tributary.mapper;

import java.util.Optional;

/**
 * The data plane the {@link MappingService} drives: it polls the sources of enabled mappings and invokes their
 * functions. Called only after the mapping's new definition is stored, so a crash between the two at worst restarts
 * polling from the stored definition.
 *
 * <p>Threading: called from API threads, one call per mapping at a time; implementations do their work on their own
 * threads and return promptly.
 */
public interface MappingRuntime {

    /**
     * Makes the running state match {@code mapping}: starts polling when it is enabled and not running, restarts it
     * with the new settings when it is running, stops it when it is disabled. Never throws for a source or function
     * problem: it reports it through {@link #lastProcessingResult}.
     */
    void apply(EventSourceMapping mapping);

    /** Stops polling the mapping; batches already in flight finish and are acknowledged normally. Idempotent. */
    void stop(String uuid);

    /**
     * The mapping's {@code LastProcessingResult} as Lambda words it ({@code No records processed}, {@code OK},
     * {@code PROBLEM: Function call failed}, …), or empty when it has processed nothing yet.
     */
    Optional<String> lastProcessingResult(String uuid);
}
