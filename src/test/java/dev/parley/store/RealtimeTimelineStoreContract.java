package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.ThreadRealtimeCoverage;
import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeFrameChannels;
import dev.parley.protocol.v2.ThreadRealtimeHandoffMode;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeListParams;
import dev.parley.protocol.v2.ThreadRealtimeListResponse;
import dev.parley.protocol.v2.ThreadRealtimeOrder;
import dev.parley.protocol.v2.ThreadRealtimeSessionOutcome;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.protocol.v2.ThreadRealtimeVoiceTranscript;
import dev.parley.realtime.timeline.RealtimeTimelineRecovery;
import dev.parley.realtime.timeline.RealtimeTimelineService;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RealtimeTimelineStore} shares, run against each backend (memory, SQLite,
 * PostgreSQL) through {@code thread/realtime/list}: positions that only grow, both orders, every filter, paging
 * that pins its snapshot while items arrive, open segments and their recovery, and — for durable stores — the
 * same answers after the store is closed and reopened.
 */
abstract class RealtimeTimelineStoreContract {

    /** A thread store and the timeline store over the same backend. */
    protected record Stores(ThreadStore threads, RealtimeTimelineStore timeline) {
    }

    protected abstract Stores open();

    /** The same stores after a restart; {@code null} when nothing survives one (memory). */
    protected abstract @Nullable Stores reopen();

    protected void close() {
    }

    private Stores stores;
    private String threadId;

    @BeforeEach
    void openStores() {
        stores = open();
        long now = System.currentTimeMillis() / 1000;
        threadId = UuidV7.next();
        stores.threads().insertThread(new ThreadRecord(threadId, now, now, "", false, "openai", "gpt-test", null,
                "/work", null, List.of()), Durability.NOW);
    }

    @AfterEach
    void closeStores() {
        close();
    }

    private ThreadRealtimeListResponse list(@Nullable ThreadRealtimeOrder order, @Nullable String cursor,
            @Nullable Integer limit, @Nullable String sessionId, @Nullable Long from, @Nullable Long to,
            @Nullable Long afterPosition, @Nullable String eventId, @Nullable Long required) {
        return new RealtimeTimelineService(stores.timeline()).list(new ThreadRealtimeListParams(threadId, sessionId,
                from, to, order, afterPosition, eventId, cursor, limit, null, required));
    }

    private ThreadRealtimeListResponse list(@Nullable ThreadRealtimeOrder order) {
        return list(order, null, null, null, null, null, null, null, null);
    }

    private static List<String> ids(ThreadRealtimeListResponse response) {
        return response.data().stream().map(e -> e.item().id()).toList();
    }

    private static ThreadRealtimeItem.Frame frame(String id, String session, long observedAtMs, String text) {
        return new ThreadRealtimeItem.Frame(id, session, observedAtMs, new ThreadRealtimeFrameChannels(
                new ThreadRealtimeVoiceTranscript(ThreadRealtimeTranscriptRole.USER, text)));
    }

    private long append(ThreadRealtimeItem item) {
        return stores.timeline().append(threadId, item).join();
    }

    private void conversation() {
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:s1", "s1", 100));
        append(frame("late", "s1", 120, "Sure."));
        append(frame("early", "s1", 110, "a long question"));
        append(new ThreadRealtimeItem.TurnInputAccepted("acc", "s1", 130, "call_1", "turn-1",
                ThreadRealtimeHandoffMode.START, List.of("early", "late"), "item-1", "<realtime_delegation/>"));
        append(new ThreadRealtimeItem.RealtimeSessionClosed("closed", "s1", 140, ThreadRealtimeSessionOutcome.ENDED));
    }

    @Test
    void itemsReadBackExactly_positionsGrow_bothOrders() {
        conversation();
        ThreadRealtimeListResponse byPosition = list(ThreadRealtimeOrder.POSITION);
        assertThat(ids(byPosition)).containsExactly("realtime-session-start:s1", "late", "early", "acc", "closed");
        assertThat(ids(list(null))).containsExactly("realtime-session-start:s1", "early", "late", "acc", "closed");
        List<Long> positions = byPosition.data().stream().map(ThreadRealtimeEntry::position).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(byPosition.snapshotEnd()).isGreaterThan(positions.getLast());
        assertThat(byPosition.projectedThroughItemIndex()).isEqualTo(byPosition.snapshotEnd());
        assertThat(byPosition.data().get(3).item()).isEqualTo(new ThreadRealtimeItem.TurnInputAccepted("acc", "s1",
                130, "call_1", "turn-1", ThreadRealtimeHandoffMode.START, List.of("early", "late"), "item-1",
                "<realtime_delegation/>"));
        assertThat(byPosition.data().get(1).item()).isEqualTo(frame("late", "s1", 120, "Sure."));
    }

    @Test
    void everyFilter() {
        conversation();
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:s2", "s2", 200));
        long lastPosition = list(ThreadRealtimeOrder.POSITION).data().getLast().position();
        assertThat(ids(list(null, null, null, "s2", null, null, null, null, null)))
                .containsExactly("realtime-session-start:s2");
        assertThat(ids(list(null, null, null, null, 110L, 130L, null, null, null))).containsExactly("early", "late");
        assertThat(ids(list(ThreadRealtimeOrder.POSITION, null, null, null, null, null, lastPosition - 1, null,
                null))).containsExactly("realtime-session-start:s2");
        assertThat(ids(list(null, null, null, null, null, null, null, "acc", null))).containsExactly("acc");
        assertThat(list(null, null, null, null, null, null, null, "unknown", null).coverage())
                .isEqualTo(ThreadRealtimeCoverage.PENDING);
        assertThat(list(null, null, null, null, null, null, null, null, lastPosition + 1).coverage())
                .isEqualTo(ThreadRealtimeCoverage.PENDING);
        assertThat(list(null, null, null, null, null, null, null, null, lastPosition).coverage())
                .isEqualTo(ThreadRealtimeCoverage.READY);
    }

    @Test
    void pagingPinsTheSnapshotWhileItemsArrive() {
        for (int i = 0; i < 1_050; i++) {
            append(frame("f" + i, "s", i % 5 == 0 ? 10_000 - i : i, "t"));
        }
        int stored = 1_050;
        for (ThreadRealtimeOrder order : ThreadRealtimeOrder.values()) {
            List<String> seen = new ArrayList<>();
            ThreadRealtimeListResponse page = list(order, null, 200, null, null, null, null, null, null);
            long snapshotEnd = page.snapshotEnd();
            int arrivals = 0;
            while (true) {
                seen.addAll(ids(page));
                append(frame("new-" + order + "-" + arrivals++, "s", 0, "arrived while paging"));
                if (page.nextCursor() == null) {
                    break;
                }
                page = list(order, page.nextCursor(), 200, null, null, null, null, null, null);
                assertThat(page.snapshotEnd()).isEqualTo(snapshotEnd);
            }
            assertThat(new HashSet<>(seen)).hasSize(seen.size());
            assertThat(seen).noneMatch(id -> id.startsWith("new-" + order));
            assertThat(seen).as("exactly the snapshot").hasSize(stored);
            stored += arrivals;
        }
    }

    @Test
    void openSegmentsAreNotListedAndARestartClosesTheirConversation() {
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:s1", "s1", 100));
        stores.timeline().segmentOpened(threadId, frame("sealed", "s1", 105, ""));
        append(frame("sealed", "s1", 105, "said and sealed"));
        stores.timeline().segmentOpened(threadId, frame("open", "s1", 110, ""));
        assertThat(ids(list(null))).containsExactly("realtime-session-start:s1", "sealed");
        assertThat(list(null, null, null, null, null, null, null, "open", null).coverage())
                .isEqualTo(ThreadRealtimeCoverage.PENDING);
        ThreadRealtimeListResponse before = list(ThreadRealtimeOrder.POSITION);

        Stores restarted = reopen();
        if (restarted == null) {
            return;
        }
        stores = restarted;
        assertThat(list(ThreadRealtimeOrder.POSITION)).isEqualTo(before);
        int closed = new RealtimeTimelineRecovery(stores.timeline(),
                Clock.fixed(Instant.ofEpochMilli(999), ZoneOffset.UTC)).recover();
        assertThat(closed).isEqualTo(1);
        List<ThreadRealtimeEntry> after = list(ThreadRealtimeOrder.POSITION).data();
        assertThat(after.subList(0, 2)).isEqualTo(before.data());
        assertThat(after.get(2).item()).isEqualTo(frame("open", "s1", 110, ""));
        assertThat(after.get(3).item()).isInstanceOfSatisfying(ThreadRealtimeItem.RealtimeSessionClosed.class,
                c -> assertThat(c.outcome()).isEqualTo(ThreadRealtimeSessionOutcome.FAILED));
        assertThat(after.get(3).item().observedAtMs()).isEqualTo(999);
        assertThat(new RealtimeTimelineRecovery(stores.timeline(), Clock.systemUTC()).recover()).isZero();
    }
}
