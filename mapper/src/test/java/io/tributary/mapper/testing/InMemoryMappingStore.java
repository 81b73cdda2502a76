package io.tributary.mapper.testing;

import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link MappingStore} in a map, keeping creation order like the real ones. */
public final class InMemoryMappingStore implements MappingStore {
    private final Map<String, EventSourceMapping> mappings = new LinkedHashMap<>();

    @Override
    public synchronized void save(EventSourceMapping mapping) {
        mappings.put(mapping.uuid(), mapping);
    }

    @Override
    public synchronized void delete(String uuid) {
        mappings.remove(uuid);
    }

    @Override
    public synchronized List<EventSourceMapping> loadAll() {
        return new ArrayList<>(mappings.values());
    }

    public synchronized EventSourceMapping stored(String uuid) {
        return mappings.get(uuid);
    }
}
