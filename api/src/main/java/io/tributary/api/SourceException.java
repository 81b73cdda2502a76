package io.tributary.api;

/** An event source could not be reached or refused a call. Retryable. */
public class SourceException extends TributaryException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
