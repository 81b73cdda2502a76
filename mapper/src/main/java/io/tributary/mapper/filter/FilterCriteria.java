package io.tributary.mapper.filter;

import io.tributary.api.Payload;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.filter.PatternCompiler.InvalidPatternException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapping's compiled {@code FilterCriteria}: Lambda event filtering
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html) with EventBridge pattern semantics.
 *
 * <p>Compile once when a mapping is created or updated ({@link #compile}), then call {@link #matches} for every
 * polled record before batching. A record passes when any filter matches (filters are ORed; keys within one filter
 * are ANDed). Instances are immutable and thread-safe.
 */
public final class FilterCriteria {
    /** Filters per mapping without a quota increase (AWS allows 10 with one). */
    public static final int MAX_FILTERS = 5;
    /** Characters per {@code Pattern} (the API model's length constraint). */
    public static final int MAX_PATTERN_LENGTH = 4096;

    static final String INVALID = "Invalid filter pattern definition.";
    private static final Logger LOG = LoggerFactory.getLogger(FilterCriteria.class);

    private final SourceKind kind;
    private final List<ObjectPattern> filters;
    private final RecordProjector projector;
    /** The source's data keys (SQS body, Kinesis data, Kafka key/value, MQ data): JSON vs plain-string rules. */
    private final Set<String> dataKeys;
    /** Kafka and MQ: a format mismatch drops the data conditions instead of the record. */
    private final boolean mismatchKeepsMetadataFilter;

    private FilterCriteria(SourceKind kind, List<ObjectPattern> filters) {
        this.kind = kind;
        this.filters = List.copyOf(filters);
        this.projector = new RecordProjector(kind, FieldTrie.of(this.filters));
        this.dataKeys = switch (kind) {
            case SQS -> Set.of("body");
            case KINESIS, MQ -> Set.of("data");
            case DYNAMODB -> Set.of("dynamodb");
            case KAFKA -> Set.of("key", "value");
        };
        this.mismatchKeepsMetadataFilter = kind == SourceKind.KAFKA || kind == SourceKind.MQ;
    }

    /**
     * Compiles the {@code Filters[].Pattern} strings of a mapping on a source of the given kind. An empty list means
     * no filtering: every record matches.
     *
     * @throws EsmException {@code InvalidParameterValueException} "Invalid filter pattern definition." for more than
     *     {@value #MAX_FILTERS} filters, a pattern over {@value #MAX_PATTERN_LENGTH} characters, a pattern that is not
     *     a JSON object, an unknown operator, a wrong operand, an empty array, or a non-JSON filter on the data key of
     *     Kinesis ({@code data}) or DynamoDB ({@code dynamodb}).
     */
    public static FilterCriteria compile(SourceKind kind, List<String> patterns) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patterns, "patterns");
        if (patterns.size() > MAX_FILTERS) {
            throw invalid("more than " + MAX_FILTERS + " filters", null);
        }
        List<ObjectPattern> compiled = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            if (pattern != null && pattern.codePointCount(0, pattern.length()) > MAX_PATTERN_LENGTH) {
                throw invalid("a pattern longer than " + MAX_PATTERN_LENGTH + " characters", pattern);
            }
            try {
                compiled.add(PatternCompiler.compile(kind, pattern));
            } catch (InvalidPatternException e) {
                throw invalid(e.getMessage(), pattern);
            }
        }
        return new FilterCriteria(kind, compiled);
    }

    private static EsmException invalid(String reason, String pattern) {
        LOG.debug("Rejected filter pattern {}: {}", pattern, reason);
        return EsmException.invalidParameter(INVALID);
    }

    /**
     * True when the record passes: there are no filters, or at least one filter matches.
     *
     * @param recordJson the record exactly as it appears in the event's {@code Records} array
     * @throws IllegalArgumentException when {@code recordJson} is not valid JSON (a connector bug, not a user error)
     */
    public boolean matches(Payload recordJson) {
        if (filters.isEmpty()) {
            return true;
        }
        Map<String, Object> view;
        try {
            view = projector.project(recordJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("The " + kind + " record to filter is not valid JSON: " + e, e);
        }
        if (view == null) {
            return false;
        }
        for (ObjectPattern filter : filters) {
            if (matchesTopLevel(filter, view)) {
                return true;
            }
        }
        return false;
    }

    /** The number of compiled filters. */
    public int size() {
        return filters.size();
    }

    private boolean matchesTopLevel(ObjectPattern pattern, Map<String, Object> view) {
        for (Map.Entry<String, FieldPattern> field : pattern.fields().entrySet()) {
            Object value = view.get(field.getKey());
            if (dataKeys.contains(field.getKey()) && formatMismatch(field.getValue(), value)) {
                if (mismatchKeepsMetadataFilter) {
                    // Kafka/MQ: "Lambda filters (on the other metadata properties only)" when the message and the
                    // filter disagree on JSON vs plain string, or the message is not UTF-8 (kafka-filtering.html).
                    continue;
                }
                // SQS, Kinesis, DynamoDB: a JSON filter on a non-JSON body/data (or the reverse) drops the record
                // (with-sqs-filtering.html, with-kinesis-filtering.html).
                return false;
            }
            if (!field.getValue().matches(value)) {
                return false;
            }
        }
        if (pattern.anyOf().isEmpty()) {
            return true;
        }
        for (ObjectPattern alternative : pattern.anyOf()) {
            if (matchesTopLevel(alternative, view)) {
                return true;
            }
        }
        return false;
    }

    private static boolean formatMismatch(FieldPattern pattern, Object value) {
        if (value == null) {
            return false;
        }
        return value == JsonValues.UNDECODABLE || pattern.expectsObject() != JsonValues.isObject(value);
    }

    @Override
    public String toString() {
        return "FilterCriteria[" + kind + ", " + filters.size() + " filter(s)]";
    }
}
