package dev.parley.thread;

/**
 * Observes subscription changes; the realtime conversation manager uses it to run its orphan timer.
 * Callbacks run on the thread that changed the subscription and must not block.
 */
public interface SubscriptionListener {

    /** A connection subscribed to a thread that had no subscriber. */
    default void firstSubscriberJoined(String threadId) {
    }

    /** The last subscriber of a thread left (unsubscribe, disconnect or slow-client close). */
    default void lastSubscriberLeft(String threadId) {
    }
}
