package io.tributary.mapper.control;

import io.tributary.mapper.SourceKind;
import java.util.List;

/**
 * Checks the {@code FilterCriteria} patterns of a Create or Update before the mapping is stored. The filter compiler
 * ({@code io.tributary.mapper.filter.FilterCriteria.compile(SourceKind, List<String>)}) plugs in here:
 * {@code new MappingManager(…, (kind, patterns) -> FilterCriteria.compile(kind, patterns))}.
 */
@FunctionalInterface
public interface PatternValidator {

    /** Accepts every pattern: filters are stored as given and not checked. */
    PatternValidator NONE = (kind, patterns) -> {};

    /**
     * @param patterns the non-empty list of patterns, as the caller gave them
     * @throws io.tributary.mapper.EsmException {@code InvalidParameterValueException}
     *     {@code Invalid filter pattern definition.} for a pattern AWS would reject
     */
    void validate(SourceKind kind, List<String> patterns);
}
