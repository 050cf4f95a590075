package dev.parley.store;

import dev.parley.error.ApiException;
import dev.parley.store.StoreWriter.Health;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store takes writes, as the {@link StoreWriter} last saw it, and what an outage accumulates: since
 * when, how many write-behind writes were dropped, and the signal that wakes whoever waits for a write. The
 * writer changes it under its lock; anyone reads it.
 */
final class StoreAvailability {

    /** The writer's own log category: these lines are the writer's. */
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final String storeName;
    private final int capacity;
    private final Duration retryInterval;
    private volatile Health health = new Health(true, null);
    /** Completed (and replaced) each time the store goes down, to wake whoever waits for a write. */
    private volatile CompletableFuture<Void> wentDown = new CompletableFuture<>();
    // guarded by the writer's lock
    private long droppedSinceDown;
    private long downSinceNanos;

    StoreAvailability(String storeName, int capacity, Duration retryInterval) {
        this.storeName = storeName;
        this.capacity = capacity;
        this.retryInterval = retryInterval;
    }

    Health health() {
        return health;
    }

    boolean isUp() {
        return health.up();
    }

    /** Writer lock held: a write-behind write did not fit. */
    void dropped() {
        droppedSinceDown++;
    }

    /** Writer lock held. The first failure of an outage logs it and wakes the waiters. */
    void markDown(String reason, int queuedBehind) {
        boolean wasUp = health.up();
        health = new Health(false, reason);
        if (wasUp) {
            downSinceNanos = System.nanoTime();
            droppedSinceDown = 0;
            log.error("store {} unavailable: {}; readiness is DOWN, {} history writes queued and retried every {} ms",
                    storeName, reason, queuedBehind, retryInterval.toMillis());
            CompletableFuture<Void> signal = wentDown;
            wentDown = new CompletableFuture<>();
            signal.complete(null);
        }
    }

    /** Writer lock held, the store down: it is back; logs the outage's length and what it dropped. */
    void markUp() {
        health = new Health(true, null);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSinceNanos);
        log.warn("store {} available again after {} s; readiness is UP; {} history writes had to be dropped "
                + "(write-behind buffer of {})", storeName, seconds, droppedSinceDown, capacity);
        droppedSinceDown = 0;
    }

    /**
     * Waits until {@code future} is done.
     *
     * @throws ApiException {@code store unavailable: <reason>} while the store is down (or when it goes down)
     */
    void awaitWhileUp(CompletableFuture<Void> future) {
        while (!future.isDone()) {
            CompletableFuture<Void> down = wentDown;
            Health now = health;
            if (!now.up()) {
                throw ApiException.storeUnavailable(now.reason());
            }
            CompletableFuture.anyOf(future, down).handle((result, failure) -> null).join();
        }
    }
}
