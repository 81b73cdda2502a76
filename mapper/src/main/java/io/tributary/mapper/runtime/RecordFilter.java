package io.tributary.mapper.runtime;

import io.tributary.api.SourceRecord;

/** Decides whether a record reaches the function (the mapping's FilterCriteria). Thread-safe, never throws. */
@FunctionalInterface
public interface RecordFilter {
    RecordFilter ACCEPT_ALL = record -> true;

    boolean accepts(SourceRecord record);
}
