package dev.parley.realtime.timeline;

import dev.parley.protocol.v2.ThreadRealtimeOrder;
import org.jspecify.annotations.Nullable;

/**
 * One page request against the stored timeline: the filters of {@code thread/realtime/list}, the pinned
 * snapshot ({@code position < snapshotEnd}), the order, and the keyset position after which this page starts
 * ({@code after}, {@code null} for the first page).
 */
public record TimelineQuery(
        @Nullable String sessionId,
        @Nullable Long fromObservedAtMs,
        @Nullable Long toObservedAtMs,
        @Nullable Long afterPosition,
        @Nullable String eventId,
        long snapshotEnd,
        ThreadRealtimeOrder order,
        @Nullable Key after,
        int limit) {

    /** Where the previous page ended, in the query's order. */
    public record Key(long observedAtMs, long position) {
    }
}
