package dev.parley.realtime.timeline;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ThreadRealtimeCoverage;
import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeListParams;
import dev.parley.protocol.v2.ThreadRealtimeListResponse;
import dev.parley.protocol.v2.ThreadRealtimeOrder;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code thread/realtime/list} ({@code 09} §4) over a {@link RealtimeTimelineStore}. The caller has checked that
 * the thread exists. Keyset paging inside a pinned snapshot: a later page starts strictly after the last entry
 * of the previous one in the query's order and never sees a position at or beyond the snapshot's end, so
 * paging while new items arrive yields every item of the snapshot exactly once.
 */
public final class RealtimeTimelineService {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final RealtimeTimelineStore store;

    public RealtimeTimelineService(RealtimeTimelineStore store) {
        this.store = store;
    }

    public ThreadRealtimeListResponse list(ThreadRealtimeListParams params) {
        int limit = params.limit() == null ? DEFAULT_LIMIT : params.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("realtime page size must be between 1 and 500");
        }
        if (params.fromObservedAtMs() != null && params.toObservedAtMs() != null
                && params.fromObservedAtMs() >= params.toObservedAtMs()) {
            throw invalid("realtime observation time range must be nonempty");
        }
        ThreadRealtimeOrder order = params.order() == null ? ThreadRealtimeOrder.OBSERVED_AT : params.order();
        long fingerprint = TimelineCursor.fingerprint(identity(params, order));
        TimelineCursor cursor = null;
        if (params.cursor() != null) {
            cursor = TimelineCursor.decode(params.cursor()).orElseThrow(() -> invalid("invalid realtime cursor"));
            if (cursor.queryFingerprint() != fingerprint
                    || params.snapshotEnd() != null && params.snapshotEnd() != cursor.snapshotEnd()) {
                throw invalid("realtime cursor does not match this query");
            }
        }
        String threadId = params.threadId();
        long next = store.nextPosition(threadId);
        long snapshotEnd = cursor != null ? cursor.snapshotEnd()
                : params.snapshotEnd() != null ? params.snapshotEnd() : next;
        boolean pending = snapshotEnd > next
                || params.requiredThroughPosition() != null && params.requiredThroughPosition() >= next
                || params.eventId() != null && store.find(threadId, params.eventId()).isEmpty();
        if (pending) {
            return new ThreadRealtimeListResponse(List.of(), null, snapshotEnd, next, ThreadRealtimeCoverage.PENDING);
        }
        TimelineQuery.Key after = cursor == null ? null : new TimelineQuery.Key(cursor.observedAtMs(), cursor.position());
        List<ThreadRealtimeEntry> page = store.page(threadId, new TimelineQuery(params.sessionId(),
                params.fromObservedAtMs(), params.toObservedAtMs(), params.afterPosition(), params.eventId(),
                snapshotEnd, order, after, limit + 1));
        String nextCursor = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ThreadRealtimeEntry last = page.getLast();
            nextCursor = new TimelineCursor(snapshotEnd, last.item().observedAtMs(), last.position(), fingerprint)
                    .encode();
        }
        return new ThreadRealtimeListResponse(page, nextCursor, snapshotEnd, next, ThreadRealtimeCoverage.READY);
    }

    /** What a cursor pins besides the snapshot: the thread, the filters and the order (not the page size). */
    private static String identity(ThreadRealtimeListParams params, ThreadRealtimeOrder order) {
        return String.join("\u0000", params.threadId(), text(params.sessionId()), text(params.fromObservedAtMs()),
                text(params.toObservedAtMs()), order.name(), text(params.afterPosition()), text(params.eventId()));
    }

    private static String text(@Nullable Object value) {
        return value == null ? "\u0001" : Objects.toString(value);
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorKind.INVALID_PARAMS, message);
    }
}
