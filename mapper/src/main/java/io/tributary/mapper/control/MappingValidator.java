package io.tributary.mapper.control;

import io.tributary.api.FunctionConfig;
import io.tributary.api.FunctionRegistry;
import io.tributary.api.LambdaFunction;
import io.tributary.api.QueueConnector;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.SourceKind;
import io.tributary.mapper.filter.FilterCriteria;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The checks of Create and Update that need more than the request itself (the function registry, the source's rules,
 * the mappings already there), run in AWS's order (spec §1.5), and the mapping they produce. Kept apart from
 * {@link MappingManager} so the manager owns state, locking and the runtime, and this class owns what a request is
 * checked against; the request-only checks stay in {@link ModelConstraints} and {@link RequestChecks}.
 *
 * <p>Not thread-safe: called under the manager's lock, and {@code existing} is a live view of the manager's mappings.
 */
final class MappingValidator {
    private final FunctionRegistry functions;
    private final Clock clock;
    private final Map<SourceKind, SourceRules> rules;
    private final Iterable<EventSourceMapping> existing;

    /**
     * @param existing the mappings already stored, read on each duplicate check (a view, not a copy)
     */
    MappingValidator(
            FunctionRegistry functions,
            List<QueueConnector> queues,
            List<StreamLookup> streams,
            Clock clock,
            Iterable<EventSourceMapping> existing) {
        this(functions, clock, rulesFor(queues, streams), existing);
    }

    private MappingValidator(
            FunctionRegistry functions,
            Clock clock,
            Map<SourceKind, SourceRules> rules,
            Iterable<EventSourceMapping> existing) {
        this.functions = functions;
        this.clock = clock;
        this.rules = rules;
        this.existing = existing;
    }

    private static Map<SourceKind, SourceRules> rulesFor(List<QueueConnector> queues, List<StreamLookup> streams) {
        Map<SourceKind, SourceRules> rules = new EnumMap<>(SourceKind.class);
        rules.put(SourceKind.SQS, new SqsRules(queues));
        rules.put(SourceKind.KINESIS, new StreamRules(SourceKind.KINESIS, streams));
        rules.put(SourceKind.DYNAMODB, new StreamRules(SourceKind.DYNAMODB, streams));
        return rules;
    }

    /**
     * The same checks for a batch of creations, with the SQS queues of {@code requests} described {@code describeAhead}
     * at a time ahead of the checks (see {@link SqsRules#describingAhead}), so the lock is not held while they are.
     */
    MappingValidator describingAhead(List<MappingRequest> requests, int describeAhead) {
        Map<SourceKind, SourceRules> batchRules = new EnumMap<>(rules);
        batchRules.put(
                SourceKind.SQS,
                ((SqsRules) rules.get(SourceKind.SQS))
                        .describingAhead(
                                requests.stream()
                                        .map(MappingRequest::eventSourceArn)
                                        .filter(arn -> SourceKind.fromArn(arn) == SourceKind.SQS)
                                        .toList(),
                                describeAhead));
        return new MappingValidator(functions, clock, batchRules, existing);
    }

    /** Create's checks under the lock (spec §1.5 order); {@code batch} holds the mappings created before in a batch. */
    EventSourceMapping newMapping(MappingRequest request, Map<String, String> batch) {
        // AWS checks the unsupported OnSuccess destination before it looks the function up (spec §1.5).
        RequestChecks.rejectOnSuccess(request);
        FunctionConfig function = resolve(request.functionName());
        SourceKind kind = SourceKind.fromArn(request.eventSourceArn());
        SourceRules sourceRules = kind == null ? null : rules.get(kind);
        if (sourceRules == null) {
            throw EsmException.invalidParameter("Unrecognized event source.");
        }
        MappingDraft draft = sourceRules.defaults(request.eventSourceArn());
        draft.overlay(request, true);
        checkPatterns(kind, request.filterCriteria());
        sourceRules.validate(draft, request, function, true);
        rejectDuplicate(sourceRules, draft.eventSourceArn, function, null);
        String earlier = batch.get(duplicateKey(draft.eventSourceArn, function.arn()));
        if (earlier != null) {
            throw EsmException.conflict(sourceRules.duplicateMessage(draft.eventSourceArn, function.name(), earlier));
        }
        draft.uuid = UUID.randomUUID().toString();
        draft.functionArn = function.arn();
        draft.lastModified = clock.instant();
        return draft.toMapping();
    }

    /** The key under which {@code batch} of {@link #newMapping} remembers a mapping of a source and function. */
    static String duplicateKey(String eventSourceArn, String functionArn) {
        return eventSourceArn + " " + functionArn;
    }

    /**
     * Update's checks after the manager's own (not found, in use), in AWS's order, and the mapping {@code current}
     * becomes with {@code request} laid over it, modified now.
     */
    EventSourceMapping updated(EventSourceMapping current, MappingRequest request) {
        RequestChecks.rejectOnSuccess(request);
        FunctionConfig function = request.functionName() != null
                ? resolve(request.functionName())
                : functions
                        .find(current.functionArn())
                        .map(LambdaFunction::config)
                        .orElse(null);
        RequestChecks.rejectFixedMembers(request, current);
        SourceRules sourceRules = rules.get(current.sourceKind());
        MappingDraft draft = MappingDraft.of(current);
        draft.overlay(request, false);
        checkPatterns(current.sourceKind(), request.filterCriteria());
        sourceRules.validate(draft, request, function, false);
        if (function != null && !function.arn().equals(current.functionArn())) {
            rejectDuplicate(sourceRules, current.eventSourceArn(), function, current.uuid());
            draft.functionArn = function.arn();
        }
        draft.lastModified = clock.instant();
        return draft.toMapping();
    }

    private FunctionConfig resolve(String functionName) {
        return functions
                .find(functionName)
                .map(LambdaFunction::config)
                .orElseThrow(() -> EsmException.invalidParameter("Function does not exist"));
    }

    private static void checkPatterns(SourceKind kind, List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return;
        }
        if (patterns.contains(null)) {
            throw EsmException.invalidParameter("Invalid filter pattern definition.");
        }
        FilterCriteria.compile(kind, patterns);
    }

    private void rejectDuplicate(SourceRules sourceRules, String eventSourceArn, FunctionConfig fn, String self) {
        for (EventSourceMapping m : existing) {
            if (!m.uuid().equals(self)
                    && m.eventSourceArn().equals(eventSourceArn)
                    && m.functionArn().equals(fn.arn())) {
                throw EsmException.conflict(sourceRules.duplicateMessage(eventSourceArn, fn.name(), m.uuid()));
            }
        }
    }
}
