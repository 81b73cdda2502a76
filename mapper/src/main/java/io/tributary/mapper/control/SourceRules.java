package io.tributary.mapper.control;

import io.tributary.api.FunctionConfig;
import io.tributary.mapper.MappingRequest;

/**
 * The part of Create and Update that depends on the kind of event source: its defaults, its checks (in the order AWS
 * runs them) and the wording of its duplicate-mapping error. One implementation per source family; adding a source is
 * adding a rules class and registering it in {@link MappingValidator}.
 */
interface SourceRules {

    /** A draft of a new mapping of {@code eventSourceArn} with every default of this source applied. */
    MappingDraft defaults(String eventSourceArn);

    /**
     * Checks the effective configuration (defaults or stored values with the request laid over them).
     *
     * @param request what the caller sent, to tell given members from defaulted ones
     * @param function the mapping's function, or {@code null} when an Update keeps a function that no longer exists
     * @param create whether this is a Create (Update skips the checks of members fixed at creation)
     * @throws io.tributary.mapper.EsmException with AWS's type and message for the first rule broken
     */
    void validate(MappingDraft draft, MappingRequest request, FunctionConfig function, boolean create);

    /** The ResourceConflictException message for a second mapping of the same function and source. */
    String duplicateMessage(String eventSourceArn, String functionName, String existingUuid);
}
