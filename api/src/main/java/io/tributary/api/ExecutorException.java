package io.tributary.api;

/** A function cannot be run at all: its handler cannot be loaded, its process cannot start. */
public class ExecutorException extends TributaryException {
    public ExecutorException(String message) {
        super(message);
    }

    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
