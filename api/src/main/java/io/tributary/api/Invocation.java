package io.tributary.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One synchronous ({@code RequestResponse}) invocation of a function, as every event source mapping makes.
 *
 * @param requestId the Lambda request id (a UUID string), also given to the function in its context
 * @param event the event JSON
 * @param deadline when the function times out: start + function timeout
 */
public record Invocation(String requestId, Payload event, Instant deadline) {
    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(deadline, "deadline");
    }
}
