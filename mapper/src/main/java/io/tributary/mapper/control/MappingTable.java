package io.tributary.mapper.control;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingService.Page;
import io.tributary.mapper.MappingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mappings {@link MappingManager} holds in memory: each stored definition in creation order, with the transitional
 * state it reports while the runtime applies it (spec §1.4), and the pages ListEventSourceMappings cuts from them.
 * Kept apart from the manager so the manager decides what happens (checks, store, runtime) and this class only keeps
 * track of what is there.
 *
 * <p>Not thread-safe: used under the manager's lock.
 */
final class MappingTable {
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // creation order
    private final MappingPages pages = new MappingPages();

    /** A mapping as stored, its place in creation order, and its transitional state while the runtime applies it. */
    record Entry(EventSourceMapping mapping, long sequence, MappingState transition) {

        /** The mapping as the API shows it: in its transitional state while there is one. */
        EventSourceMapping view() {
            return transition == null ? mapping : mapping.withState(transition, mapping.lastModified());
        }
    }

    /** Replaces every entry with {@code stored}, settled, in the given order (at start). */
    void load(List<EventSourceMapping> stored) {
        entries.clear();
        for (EventSourceMapping m : stored) {
            entries.put(m.uuid(), new Entry(m, pages.nextSequence(), null));
        }
    }

    /** Adds a new mapping at the end of creation order; {@code transition} is {@code null} when it is settled. */
    void add(EventSourceMapping mapping, MappingState transition) {
        entries.put(mapping.uuid(), new Entry(mapping, pages.nextSequence(), transition));
    }

    /** Replaces the entry of {@code mapping}'s uuid, keeping its place in creation order. */
    void replace(Entry entry, EventSourceMapping mapping, MappingState transition) {
        entries.put(mapping.uuid(), new Entry(mapping, entry.sequence(), transition));
    }

    /**
     * Ends the transition of {@code mapping} once the runtime has applied it, unless it was replaced or deleted in the
     * meantime (a newer definition is settled by its own apply).
     */
    void settle(EventSourceMapping mapping) {
        Entry entry = entries.get(mapping.uuid());
        if (entry != null && entry.mapping() == mapping) {
            entries.put(mapping.uuid(), new Entry(mapping, entry.sequence(), null));
        }
    }

    void remove(String uuid) {
        entries.remove(uuid);
    }

    /** The entry of {@code uuid}, or {@code null} when there is none. */
    Entry find(String uuid) {
        return uuid == null ? null : entries.get(uuid);
    }

    /** The entry of {@code uuid}, or AWS's ResourceNotFoundException. */
    Entry get(String uuid) {
        Entry entry = find(uuid);
        if (entry == null) {
            throw EsmException.notFound();
        }
        return entry;
    }

    /** A live view of the stored definitions in creation order (not a copy). */
    Iterable<EventSourceMapping> mappings() {
        return () -> entries.values().stream().map(Entry::mapping).iterator();
    }

    /**
     * One page of ListEventSourceMappings: the mappings after {@code marker} that match the filters, as the API shows
     * them, at most {@code pageSize}, with the marker of the next page when more match.
     *
     * @param functionArn the ARN {@code functionName} resolves to, or {@code null} when no such function exists
     */
    Page page(String eventSourceArn, String functionName, String functionArn, String marker, int pageSize) {
        List<EventSourceMapping> page = new ArrayList<>();
        String nextMarker = null;
        long after = pages.decode(marker, uuid -> {
            Entry e = entries.get(uuid);
            return e == null ? null : e.sequence();
        });
        for (Entry e : entries.values()) {
            if (e.sequence() <= after
                    || !MappingPages.matches(e.mapping(), eventSourceArn, functionName, functionArn)) {
                continue;
            }
            if (page.size() == pageSize) {
                EventSourceMapping last = page.get(page.size() - 1);
                nextMarker = pages.encode(last.uuid(), entries.get(last.uuid()).sequence());
                break;
            }
            page.add(e.view());
        }
        return new Page(page, nextMarker);
    }
}
