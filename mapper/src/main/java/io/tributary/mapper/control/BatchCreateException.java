package io.tributary.mapper.control;

import io.tributary.mapper.EsmException;

/**
 * {@link MappingManager#createAll} rejected the request at {@link #index()} with AWS's {@link #reason()}; no mapping
 * of the batch was stored.
 */
public final class BatchCreateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final EsmException reason;

    public BatchCreateException(int index, EsmException reason) {
        super("request " + index + " of the batch: " + reason.getMessage(), reason);
        this.index = index;
        this.reason = reason;
    }

    /** The position of the rejected request in the batch, from 0. */
    public int index() {
        return index;
    }

    /** AWS's error for it, as {@link MappingManager#create} would have thrown it. */
    public EsmException reason() {
        return reason;
    }
}
