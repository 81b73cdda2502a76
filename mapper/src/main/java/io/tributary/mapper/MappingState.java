package io.tributary.mapper;

/** Lambda's {@code State} of an event source mapping. */
public enum MappingState {
    Creating,
    Enabling,
    Enabled,
    Disabling,
    Disabled,
    Updating,
    Deleting
}
