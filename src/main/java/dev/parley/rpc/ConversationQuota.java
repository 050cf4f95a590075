package dev.parley.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The realtime conversations one connection started and that still live ({@code 08} §3: conversations per
 * connection). Each is an upstream session someone pays for, so one client cannot open them without bound.
 * A restart on a thread where this connection's conversation already runs is a replacement, not one more, so
 * it is always allowed (for the moment of the switch the thread counts its two conversations as one).
 */
final class ConversationQuota {

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    /** Thread id → conversations this connection started there that have not ended (2 during a replacement). */
    private final Map<String, Integer> live = new HashMap<>();

    ConversationQuota(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /**
     * Claims a slot for a conversation on {@code threadId}; returns its release action (idempotent), or
     * {@code null} when the connection already has its limit of conversations on other threads.
     */
    @Nullable Runnable tryClaim(String threadId) {
        lock.lock();
        try {
            if (!live.containsKey(threadId) && live.size() >= limit) {
                return null;
            }
            live.merge(threadId, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(threadId);
            }
        };
    }

    private void release(String threadId) {
        lock.lock();
        try {
            live.computeIfPresent(threadId, (key, count) -> count > 1 ? count - 1 : null);
        } finally {
            lock.unlock();
        }
    }
}
