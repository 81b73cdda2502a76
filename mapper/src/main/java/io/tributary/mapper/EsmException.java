package io.tributary.mapper;

import io.tributary.api.TributaryException;

/**
 * An ESM API call failed the way AWS fails it: {@code type} is the error type (e.g.
 * {@code InvalidParameterValueException}), {@code httpStatus} its status, and the message AWS's exact text.
 */
public final class EsmException extends TributaryException {
    private final String type;
    private final int httpStatus;

    private EsmException(String type, int httpStatus, String message) {
        super(message);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    public static EsmException invalidParameter(String message) {
        return new EsmException("InvalidParameterValueException", 400, message);
    }

    /** Framework-level validation (a bad enum value), as AWS returns it. */
    public static EsmException validation(String message) {
        return new EsmException("ValidationException", 400, message);
    }

    public static EsmException notFound() {
        return new EsmException("ResourceNotFoundException", 404, "The resource you requested does not exist.");
    }

    public static EsmException conflict(String message) {
        return new EsmException("ResourceConflictException", 409, message);
    }

    public static EsmException resourceInUse(String message) {
        return new EsmException("ResourceInUseException", 400, message);
    }

    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
