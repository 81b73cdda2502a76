package io.tributary.mapper;

import java.util.List;

/**
 * The Lambda ESM API operations, with AWS's semantics. Every method throws {@link EsmException} with AWS's error type,
 * status and message; any other exception is a bug. Thread-safe.
 */
public interface MappingService {

    /** CreateEventSourceMapping: validates, stores and (when enabled) starts the mapping. State {@code Creating}. */
    EventSourceMapping create(MappingRequest request);

    EventSourceMapping get(String uuid);

    /**
     * ListEventSourceMappings, in creation order.
     *
     * @param eventSourceArn only mappings of this source, or {@code null}
     * @param functionName only mappings of this function (name or ARN), or {@code null}
     * @param marker the {@code NextMarker} of the previous page, or {@code null}
     * @param maxItems 1..10000, or {@code null}; at most 100 are returned per page
     */
    Page list(String eventSourceArn, String functionName, String marker, Integer maxItems);

    /** UpdateEventSourceMapping: members given in the request replace the stored ones. */
    EventSourceMapping update(String uuid, MappingRequest request);

    /** DeleteEventSourceMapping: stops the mapping and returns it with state {@code Deleting}. */
    EventSourceMapping delete(String uuid);

    /** One page of {@link #list}; {@code nextMarker} is {@code null} on the last page. */
    record Page(List<EventSourceMapping> mappings, String nextMarker) {
        public Page {
            mappings = List.copyOf(mappings);
        }
    }
}
