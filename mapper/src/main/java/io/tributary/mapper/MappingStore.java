package io.tributary.mapper;

import java.util.List;

/**
 * Where mapping definitions survive a restart. The embedded default keeps them under the data directory; a shared
 * database can serve several instances. Thread-safe; each call is durable when it returns.
 */
public interface MappingStore {

    /** Inserts or replaces the mapping with the same UUID. */
    void save(EventSourceMapping mapping);

    /** Removes the mapping; unknown UUIDs are ignored. */
    void delete(String uuid);

    /** All stored mappings, in creation order. */
    List<EventSourceMapping> loadAll();
}
