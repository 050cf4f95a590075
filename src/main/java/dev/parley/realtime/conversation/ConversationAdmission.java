package dev.parley.realtime.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-wide limit on conversations at once ({@code parley.realtime.max-conversations}, 0 for none):
 * places are claimed before a start is answered and given back when the conversation is gone.
 */
final class ConversationAdmission {

    private final int limit;
    private final ConversationMetrics metrics;
    private final AtomicInteger admitted = new AtomicInteger();

    ConversationAdmission(int limit, ConversationMetrics metrics) {
        this.limit = limit;
        this.metrics = metrics;
    }

    /**
     * Claims a place; {@code replacing} (the thread already has a conversation, whose place is given back when
     * it closes) is always admitted. The returned action gives the place back, once however often it runs.
     *
     * @throws ApiException {@code OVERLOADED} when the server is at its limit
     */
    Runnable admit(boolean replacing) {
        if (limit > 0 && !replacing) {
            int now;
            do {
                now = admitted.get();
                if (now >= limit) {
                    metrics.refused();
                    throw new ApiException(ErrorKind.OVERLOADED, "Server overloaded: " + limit
                            + " realtime conversations are running (parley.realtime.max-conversations); retry later.");
                }
            } while (!admitted.compareAndSet(now, now + 1));
        } else {
            admitted.incrementAndGet();
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                admitted.decrementAndGet();
            }
        };
    }
}
