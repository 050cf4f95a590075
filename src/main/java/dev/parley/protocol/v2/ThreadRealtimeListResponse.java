package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Result of {@code thread/realtime/list}: a page of stored items, the cursor of the next page ({@code null} when
 * this page is the last), the snapshot it belongs to, how far the stored history reaches, and its coverage.
 */
public record ThreadRealtimeListResponse(
        List<ThreadRealtimeEntry> data,
        @Nullable String nextCursor,
        long snapshotEnd,
        @JsonPropertyDescription("Exclusive position through which the history is stored.")
        long projectedThroughItemIndex,
        ThreadRealtimeCoverage coverage) {
    public ThreadRealtimeListResponse {
        data = List.copyOf(data);
    }
}
