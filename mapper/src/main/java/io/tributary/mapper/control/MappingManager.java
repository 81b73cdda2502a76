package io.tributary.mapper.control;

import io.tributary.api.FunctionRegistry;
import io.tributary.api.QueueConnector;
import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingRequest;
import io.tributary.mapper.MappingRuntime;
import io.tributary.mapper.MappingService;
import io.tributary.mapper.MappingState;
import io.tributary.mapper.MappingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda ESM control plane: validates requests with AWS's rules and messages, keeps definitions in a
 * {@link MappingStore} and drives the {@link MappingRuntime}.
 *
 * <p>States (spec §1.4): the store always holds the settled state ({@code Enabled} or {@code Disabled}), written before
 * the runtime is told, so a crash at any point restarts from the stored definition. While {@link MappingRuntime#apply}
 * runs, the mapping reports the transitional state AWS reports ({@code Creating}, {@code Enabling}, {@code Disabling},
 * {@code Updating}) and a concurrent Update or Delete gets {@code ResourceInUseException}; once apply returns it
 * reports the settled state.
 *
 * <p>Thread-safe: one lock serializes the API operations; runtime calls are made outside it.
 *
 * <p>The checks against the function registry, the source's rules and the other mappings are in
 * {@link MappingValidator}; the mappings held in memory, with their transitional states and list pages, in
 * {@link MappingTable}. This class decides the order of the steps, the lock, the store and the runtime.
 */
public final class MappingManager implements MappingService {
    private static final Logger log = LoggerFactory.getLogger(MappingManager.class);
    private static final int PAGE_SIZE = 100;
    /** Queues {@link #createAll} describes at once. */
    static final int DESCRIBE_AHEAD = 8;

    private final MappingStore store;
    private final FunctionRegistry functions;
    private final MappingRuntime runtime;
    private final String region;
    private final String accountId;
    private final MappingValidator validator;

    private final Object lock = new Object();
    private final MappingTable table = new MappingTable();

    public MappingManager(
            MappingStore store,
            FunctionRegistry functions,
            List<QueueConnector> queues,
            MappingRuntime runtime,
            Clock clock,
            String region,
            String accountId) {
        this(store, functions, queues, List.of(), runtime, clock, region, accountId);
    }

    /**
     * @param streams how Create learns whether a Kinesis or DynamoDB stream exists (none yet: every stream is unknown)
     */
    public MappingManager(
            MappingStore store,
            FunctionRegistry functions,
            List<QueueConnector> queues,
            List<StreamLookup> streams,
            MappingRuntime runtime,
            Clock clock,
            String region,
            String accountId) {
        this.store = Objects.requireNonNull(store, "store");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(clock, "clock");
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        // A live view of the mappings, read under the lock by the duplicate check: no copy per Create.
        this.validator = new MappingValidator(functions, queues, streams, clock, table.mappings());
    }

    /** Loads the stored mappings and starts every enabled one again: mappings resume after a restart. */
    public void start() {
        List<EventSourceMapping> stored = store.loadAll();
        synchronized (lock) {
            table.load(stored);
        }
        long enabled = stored.stream().filter(EventSourceMapping::enabled).count();
        log.info("Loaded {} event source mappings ({} enabled) in {} / {}", stored.size(), enabled, region, accountId);
        for (EventSourceMapping m : stored) {
            if (m.enabled()) {
                log.info(
                        "Resuming event source mapping {} from {} to {}",
                        m.uuid(),
                        m.eventSourceArn(),
                        m.functionArn());
                runtime.apply(m);
            }
        }
    }

    /** {@code arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>}. */
    public String eventSourceMappingArn(String uuid) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":event-source-mapping:" + uuid;
    }

    @Override
    public EventSourceMapping create(MappingRequest request) {
        ModelConstraints.checkCreate(request);
        EventSourceMapping created;
        synchronized (lock) {
            created = validator.newMapping(request, Map.of());
            store.save(created);
            table.add(created, created.enabled() ? MappingState.Creating : null);
        }
        log.info(
                "Created event source mapping {} from {} to {} ({})",
                created.uuid(),
                created.eventSourceArn(),
                created.functionArn(),
                created.state());
        if (!created.enabled()) {
            return created;
        }
        applyThenSettle(created);
        return created.withState(MappingState.Creating, created.lastModified());
    }

    /**
     * Creates several mappings as {@link #create} would one after the other, with the same checks and errors, but as
     * one batch, e.g. the config file's 1,000 mappings at start-up: the SQS queues are described
     * {@value #DESCRIBE_AHEAD} at a time before the lock is taken, and the mappings are stored with one
     * {@link MappingStore#saveAll} instead of one durable write each. All or nothing: when one request is rejected,
     * none is stored.
     *
     * @return the created mappings in request order, each as {@link #create} returns it ({@code Creating} when enabled)
     * @throws BatchCreateException naming the index of the first rejected request and AWS's error for it
     */
    public List<EventSourceMapping> createAll(List<MappingRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            try {
                ModelConstraints.checkCreate(requests.get(i));
            } catch (EsmException e) {
                throw new BatchCreateException(i, e);
            }
        }
        MappingValidator batchValidator = validator.describingAhead(requests, DESCRIBE_AHEAD);
        List<EventSourceMapping> created = new ArrayList<>(requests.size());
        synchronized (lock) {
            Map<String, String> batch = new HashMap<>();
            for (int i = 0; i < requests.size(); i++) {
                EventSourceMapping mapping;
                try {
                    mapping = batchValidator.newMapping(requests.get(i), batch);
                } catch (EsmException e) {
                    throw new BatchCreateException(i, e);
                }
                batch.put(
                        MappingValidator.duplicateKey(mapping.eventSourceArn(), mapping.functionArn()), mapping.uuid());
                created.add(mapping);
            }
            store.saveAll(created);
            for (EventSourceMapping mapping : created) {
                table.add(mapping, mapping.enabled() ? MappingState.Creating : null);
            }
        }
        List<EventSourceMapping> answers = new ArrayList<>(created.size());
        for (EventSourceMapping mapping : created) {
            log.info(
                    "Created event source mapping {} from {} to {} ({})",
                    mapping.uuid(),
                    mapping.eventSourceArn(),
                    mapping.functionArn(),
                    mapping.state());
            if (mapping.enabled()) {
                applyThenSettle(mapping);
                answers.add(mapping.withState(MappingState.Creating, mapping.lastModified()));
            } else {
                answers.add(mapping);
            }
        }
        return answers;
    }

    /**
     * Whether {@link #update} of mapping {@code uuid} with {@code request} would change nothing, decided from the
     * stored definition alone (no call to the event source). The config file's mappings are checked this way at every
     * start, so a restart whose file did not change stores nothing, describes no queue and restarts no mapping.
     *
     * @return false when the mapping is unknown or in transition, the request names another function, or any stored
     *     member would change; {@link #update} then decides, with its checks and errors
     */
    public boolean isUpToDate(String uuid, MappingRequest request) {
        synchronized (lock) {
            MappingTable.Entry entry = table.find(uuid);
            if (entry == null || entry.transition() != null) {
                return false;
            }
            EventSourceMapping current = entry.mapping();
            if (request.functionName() != null
                    && !functions
                            .find(request.functionName())
                            .map(f -> f.config().arn().equals(current.functionArn()))
                            .orElse(false)) {
                return false;
            }
            try {
                MappingDraft draft = MappingDraft.of(current);
                draft.overlay(request, false);
                EventSourceMapping updated = draft.toMapping();
                return updated.withState(updated.state(), current.lastModified())
                        .equals(current);
            } catch (RuntimeException e) {
                return false; // not valid as it is: update reports it
            }
        }
    }

    @Override
    public EventSourceMapping get(String uuid) {
        EventSourceMapping current;
        synchronized (lock) {
            current = table.get(uuid).view();
        }
        return withProcessingResult(current);
    }

    @Override
    public Page list(String eventSourceArn, String functionName, String marker, Integer maxItems) {
        ModelConstraints.checkList(maxItems);
        int pageSize = Math.min(maxItems == null ? PAGE_SIZE : maxItems, PAGE_SIZE);
        String functionArn = functionName == null
                ? null
                : functions.find(functionName).map(f -> f.config().arn()).orElse(null);
        Page page;
        synchronized (lock) {
            page = table.page(eventSourceArn, functionName, functionArn, marker, pageSize);
        }
        return new Page(page.mappings().stream().map(this::withProcessingResult).toList(), page.nextMarker());
    }

    @Override
    public EventSourceMapping update(String uuid, MappingRequest request) {
        ModelConstraints.checkUpdate(request);
        EventSourceMapping updated;
        MappingState shown;
        synchronized (lock) {
            MappingTable.Entry entry = table.get(uuid);
            if (entry.transition() != null) {
                throw EsmException.resourceInUse("Cannot update the event source mapping because it is in use.");
            }
            EventSourceMapping current = entry.mapping();
            updated = validator.updated(current, request);
            if (updated.withState(updated.state(), current.lastModified()).equals(current)) {
                // Nothing changes (e.g. the config file's mappings at every start): the mapping keeps polling as it
                // is instead of being restarted, which would cut its long polls short.
                return current.withState(MappingState.Updating, current.lastModified());
            }
            if (current.enabled() == updated.enabled()) {
                shown = MappingState.Updating;
            } else {
                shown = updated.enabled() ? MappingState.Enabling : MappingState.Disabling;
            }
            store.save(updated);
            table.replace(entry, updated, shown);
        }
        log.info("Updated event source mapping {} ({} to {})", uuid, shown, updated.state());
        applyThenSettle(updated);
        return updated.withState(shown, updated.lastModified());
    }

    @Override
    public EventSourceMapping delete(String uuid) {
        EventSourceMapping deleted;
        synchronized (lock) {
            MappingTable.Entry entry = table.get(uuid);
            if (entry.transition() != null) {
                throw EsmException.resourceInUse("Cannot delete the event source mapping because it is in use.");
            }
            deleted = entry.mapping();
            store.delete(uuid);
            table.remove(uuid);
        }
        runtime.stop(uuid);
        log.info(
                "Deleted event source mapping {} from {} to {}", uuid, deleted.eventSourceArn(), deleted.functionArn());
        return deleted.withState(MappingState.Deleting, deleted.lastModified());
    }

    private void applyThenSettle(EventSourceMapping mapping) {
        try {
            runtime.apply(mapping);
        } finally {
            synchronized (lock) {
                table.settle(mapping);
            }
        }
    }

    private EventSourceMapping withProcessingResult(EventSourceMapping m) {
        return runtime.lastProcessingResult(m.uuid())
                .map(m::withLastProcessingResult)
                .orElse(m);
    }
}
