/** Tributary app. */
package io.tributary.app;
