package io.tributary.mapper.control;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;

/** Request checks shared by Create and Update that do not depend on the source. */
final class RequestChecks {
    private RequestChecks() {}

    static void rejectOnSuccess(MappingRequest request) {
        if (request.onSuccessDestination() != null) {
            throw EsmException.invalidParameter(SqsRules.UNSUPPORTED_DESTINATION);
        }
    }

    /** Members fixed at creation; the HTTP API cannot send them on Update, other callers are told plainly. */
    static void rejectFixedMembers(MappingRequest r, EventSourceMapping current) {
        rejectChange("EventSourceArn", r.eventSourceArn(), current.eventSourceArn());
        rejectChange("StartingPosition", r.startingPosition(), current.startingPosition());
        rejectChange("StartingPositionTimestamp", r.startingPositionTimestamp(), current.startingPositionTimestamp());
        rejectChange("Tags", r.tags(), current.tags());
    }

    static void rejectChange(String member, Object requested, Object current) {
        if (requested != null && !requested.equals(current)) {
            throw EsmException.invalidParameter(
                    member + " can only be set when the event source mapping is created, not updated.");
        }
    }
}
