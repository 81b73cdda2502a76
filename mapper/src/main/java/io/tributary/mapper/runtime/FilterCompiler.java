package io.tributary.mapper.runtime;

import io.tributary.mapper.SourceKind;
import java.util.List;

/** Compiles a mapping's FilterCriteria patterns once, when the mapping starts or changes. */
@FunctionalInterface
public interface FilterCompiler {
    /** Accepts every record; for mappings without filters. */
    FilterCompiler NONE = (kind, patterns) -> RecordFilter.ACCEPT_ALL;

    /**
     * @param patterns the {@code Filters[].Pattern} strings, already validated when the mapping was stored
     */
    RecordFilter compile(SourceKind kind, List<String> patterns);
}
