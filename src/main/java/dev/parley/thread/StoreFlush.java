package dev.parley.thread;

import java.time.Duration;

/**
 * The store's part of a graceful shutdown: make durable everything accepted so far (a write-behind queue
 * drained, a pending batch committed). Called once, in phase {@link ShutdownPhases#STORE_FLUSH}, after every
 * conversation, turn and connection has ended, so nothing is written after it. A store that writes through has
 * nothing to do and need not provide one; with no bean of this type the phase does nothing.
 */
public interface StoreFlush {

    /**
     * Writes what is still pending, waiting at most {@code timeout}; what could not be written by then is
     * logged (counted), not silently lost.
     */
    void flush(Duration timeout) throws InterruptedException;
}
