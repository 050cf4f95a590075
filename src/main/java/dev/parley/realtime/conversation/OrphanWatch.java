package dev.parley.realtime.conversation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The orphan timers of {@code 04} §3.3: armed when a conversation's thread has no subscriber left, cancelled
 * by a new subscription. Expiry hands the conversation's token to the manager, which re-checks everything
 * under its lock (the timer itself decides nothing).
 */
final class OrphanWatch {

    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final Consumer<ConversationToken> onExpiry;
    private final Map<String, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

    OrphanWatch(ScheduledExecutorService timer, Duration timeout, Consumer<ConversationToken> onExpiry) {
        this.timer = timer;
        this.timeout = timeout;
        this.onExpiry = onExpiry;
    }

    void arm(ConversationToken token) {
        ScheduledFuture<?> future = timer.schedule(() -> {
            armed.remove(token.threadId());
            onExpiry.accept(token);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = armed.put(token.threadId(), future);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    void disarm(String threadId) {
        ScheduledFuture<?> future = armed.remove(threadId);
        if (future != null) {
            future.cancel(false);
        }
    }
}
