/** Tributary invoker. */
package io.tributary.invoker;
