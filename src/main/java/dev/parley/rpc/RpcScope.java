package dev.parley.rpc;

/** Where a request method runs (02 §2.6). */
public enum RpcScope {
    /** Concurrently, on its own virtual thread. */
    NONE,
    /** FIFO per {@code params.threadId}, across all connections and REST calls; subscribes the caller first. */
    THREAD,
    /** Like {@link #THREAD}, but does not subscribe the caller ({@code thread/read}, {@code thread/unsubscribe}). */
    THREAD_NO_SUBSCRIBE
}
