package dev.parley.thread;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence, then 62 random bits from a
 * {@link SecureRandom}. Ids are unguessable and strictly increasing within this process (the sequence
 * counts up inside one millisecond, method 1 of RFC 9562 §6.2), so sorting by id is sorting by creation.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long lastMillis = -1;
    private static int sequence;

    private UuidV7() {
    }

    /** A new id for the current time, in lowercase canonical form. */
    public static String next() {
        return at(System.currentTimeMillis()).toString();
    }

    /** A new id for {@code epochMillis} (or just after the previous id, if that is later). */
    public static UUID at(long epochMillis) {
        long millis;
        int seq;
        LOCK.lock();
        try {
            if (epochMillis > lastMillis) {
                lastMillis = epochMillis;
                sequence = RANDOM.nextInt(0x800);
            } else if (++sequence > 0xFFF) {
                lastMillis++;
                sequence = RANDOM.nextInt(0x800);
            }
            millis = lastMillis;
            seq = sequence;
        } finally {
            LOCK.unlock();
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The Unix milliseconds of a UUIDv7. */
    public static long epochMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
