package io.tributary.mapper.batch;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lambda request ids: random (version 4) UUIDs, as Lambda gives each invocation.
 *
 * <p>{@link UUID#randomUUID()} draws from a shared {@link java.security.SecureRandom}: a lock and, on Linux, a read
 * of {@code /dev/urandom} every few calls, once per batch on the hot path. A request id only needs to be unique, not
 * unpredictable, so it comes from {@link ThreadLocalRandom} (122 random bits, no lock, no system call).
 */
public final class RequestIds {
    private RequestIds() {}

    /** A new random UUID string, e.g. {@code 3f1c2b4e-8d7a-4f60-9e2b-5a1d0c7e6b93}. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }
}
