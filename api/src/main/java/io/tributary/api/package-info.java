/** The contract every Tributary module and plugin compiles against: records, outcomes and SPIs. No dependencies. */
package io.tributary.api;
