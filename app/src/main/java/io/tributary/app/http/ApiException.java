package io.tributary.app.http;

/**
 * An error the HTTP layer itself answers with, before the request reaches the {@link io.tributary.mapper.MappingService}
 * (a body that does not parse, a member of the wrong JSON type, an unknown path).
 */
final class ApiException extends RuntimeException {
    private final String type;
    private final int status;

    ApiException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** Rest-json deserialization failures: HTTP 400 {@code SerializationException}, as AWS's request framework. */
    static ApiException serialization(String message) {
        return new ApiException("SerializationException", 400, message);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }
}
