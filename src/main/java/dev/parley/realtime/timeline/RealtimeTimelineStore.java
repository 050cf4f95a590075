package dev.parley.realtime.timeline;

import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where timeline items live ({@code 09} §5): append-only per thread, each completed item at the thread's next
 * position (positions only grow; gaps are allowed). Open transcript segments are recorded apart from the
 * positional history (see the package documentation).
 *
 * <p>Writes are asynchronous so that no conversation thread waits for the database per event: {@link #append}
 * returns a future that completes, with the item's position, once the item is durable (a batching
 * implementation completes a whole batch at once); {@link #segmentOpened} returns at once and is ordered before
 * any later write of the same thread. Reads see every append whose future has completed.
 */
public interface RealtimeTimelineStore {

    /**
     * Records that a transcript segment opened: {@code opened} carries its id, role, {@code observedAtMs} and
     * empty text. Fire and forget; it only matters if the process dies before the segment is appended.
     */
    void segmentOpened(String threadId, ThreadRealtimeItem.Frame opened);

    /**
     * Appends a completed item at the thread's next position. Appending a {@code frame} also forgets its open
     * record. The future completes with the position once the item is durable, or exceptionally if it could
     * not be stored.
     */
    CompletableFuture<Long> append(String threadId, ThreadRealtimeItem item);

    /**
     * Whether writes are being committed now. While the store is unavailable, appends stay queued (or are
     * dropped) and waiting for them would stall the live conversation, so callers do not wait.
     */
    default boolean writable() {
        return true;
    }

    /** The thread's next position: the exclusive end of what is stored (0 for a thread without items). */
    long nextPosition(String threadId);

    /** The stored item with that id, if any. */
    Optional<ThreadRealtimeEntry> find(String threadId, String itemId);

    /** One page of a query, at most {@code query.limit()} entries, in the query's order. */
    List<ThreadRealtimeEntry> page(String threadId, TimelineQuery query);

    /**
     * The conversations a process died in: per thread whose last session item is a
     * {@code realtimeSessionStarted} without its {@code realtimeSessionClosed}, that session and the segments
     * still recorded as open (with whatever text was recorded for them). A store that several processes share
     * returns only the conversations of a process whose lease expired, never those of a live one (this
     * process's own included), and hands each to one caller only, so processes recovering at once close it once.
     */
    List<InterruptedConversation> interruptedConversations();

    /** A conversation that was running when the process died. */
    record InterruptedConversation(String threadId, String realtimeSessionId, List<ThreadRealtimeItem.Frame> openSegments) {
        public InterruptedConversation {
            openSegments = List.copyOf(openSegments);
        }
    }
}
