package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Params of {@code thread/realtime/list} ({@code 09} §4); everything but {@code threadId} is optional. */
public record ThreadRealtimeListParams(
        String threadId,
        @JsonPropertyDescription("Only items of this realtimeSessionId.")
        @Nullable String sessionId,
        @JsonPropertyDescription("Inclusive lower bound of observedAtMs.")
        @Nullable Long fromObservedAtMs,
        @JsonPropertyDescription("Exclusive upper bound of observedAtMs.")
        @Nullable Long toObservedAtMs,
        @JsonPropertyDescription("Default observedAt: by observedAtMs, then position.")
        @Nullable ThreadRealtimeOrder order,
        @JsonPropertyDescription("Only items with a position greater than this.")
        @Nullable Long afterPosition,
        @JsonPropertyDescription("Exactly this item; pending until it is stored.")
        @Nullable String eventId,
        @JsonPropertyDescription("The nextCursor of an earlier page of the same query.")
        @Nullable String cursor,
        @JsonPropertyDescription("Page size, 1 to 500; default 100.")
        @Nullable Integer limit,
        @JsonPropertyDescription("Exclusive position delimiting an immutable snapshot.")
        @Nullable Long snapshotEnd,
        @JsonPropertyDescription("Pending until the stored history includes this position.")
        @Nullable Long requiredThroughPosition) {
}
