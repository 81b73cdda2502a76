package io.tributary.api;

/** The unchecked root of Tributary's own exceptions. */
public class TributaryException extends RuntimeException {
    public TributaryException(String message) {
        super(message);
    }

    public TributaryException(String message, Throwable cause) {
        super(message, cause);
    }
}
