/** Tributary mapper. */
package io.tributary.mapper;
