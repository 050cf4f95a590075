package dev.parley.rpc;

/** Where a request method runs (02 §2.6). */
public enum RpcScope {
    /** Concurrently, on its own virtual thread. */
    NONE,
    /** FIFO per {@code params.threadId}, across all connections and REST calls; subscribes the caller first. */
    THREAD,
    /** Like {@link #THREAD}, but does not subscribe the caller ({@code thread/read}, {@code thread/unsubscribe}). */
    THREAD_NO_SUBSCRIBE,
    /**
     * Like {@link #THREAD}, for handlers that never block ({@code appendAudio}): when the thread's FIFO is
     * idle the call runs at once on the dispatching thread instead of hopping to a new one, which keeps the
     * audio path short. Order per thread is the same as {@link #THREAD}.
     */
    THREAD_QUICK;

    /** Whether calls run in the thread's FIFO. */
    boolean threadScoped() {
        return this != NONE;
    }

    /** Whether executing a call subscribes the caller to its thread. */
    boolean subscribes() {
        return this == THREAD || this == THREAD_QUICK;
    }
}
