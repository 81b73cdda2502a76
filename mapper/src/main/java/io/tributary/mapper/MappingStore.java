package io.tributary.mapper;

import java.util.List;

/**
 * Where mapping definitions survive a restart. The embedded default keeps them under the data directory; a shared
 * database can serve several instances. Thread-safe; each call is durable when it returns.
 */
public interface MappingStore {

    /** Inserts or replaces the mapping with the same UUID. */
    void save(EventSourceMapping mapping);

    /**
     * Saves several mappings, e.g. the config file's at start-up; durable as a whole when it returns. A crash before it
     * returns may leave any subset of them stored (each one whole), never half of one. The default saves them one by
     * one; stores override it when a batch is cheaper.
     */
    default void saveAll(List<EventSourceMapping> mappings) {
        mappings.forEach(this::save);
    }

    /** Removes the mapping; unknown UUIDs are ignored. */
    void delete(String uuid);

    /** All stored mappings, in creation order. */
    List<EventSourceMapping> loadAll();
}
