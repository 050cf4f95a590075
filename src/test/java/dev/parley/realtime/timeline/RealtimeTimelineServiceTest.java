package dev.parley.realtime.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ThreadRealtimeCoverage;
import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeFrameChannels;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeListParams;
import dev.parley.protocol.v2.ThreadRealtimeListResponse;
import dev.parley.protocol.v2.ThreadRealtimeOrder;
import dev.parley.protocol.v2.ThreadRealtimeSessionOutcome;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.protocol.v2.ThreadRealtimeVoiceTranscript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code thread/realtime/list} ({@code 09} §4) over the in-memory store: filters, orders, cursors, pending, errors. */
class RealtimeTimelineServiceTest {

    static final String T = "thread-1";

    final InMemoryRealtimeTimelineStore store = new InMemoryRealtimeTimelineStore();
    final RealtimeTimelineService service = new RealtimeTimelineService(store);

    /** The fields of the list params, all absent; tests set what they need. */
    static final class Q {
        @Nullable String sessionId;
        @Nullable Long from;
        @Nullable Long to;
        @Nullable ThreadRealtimeOrder order;
        @Nullable Long afterPosition;
        @Nullable String eventId;
        @Nullable String cursor;
        @Nullable Integer limit;
        @Nullable Long snapshotEnd;
        @Nullable Long required;

        ThreadRealtimeListParams params() {
            return new ThreadRealtimeListParams(T, sessionId, from, to, order, afterPosition, eventId, cursor, limit,
                    snapshotEnd, required);
        }
    }

    ThreadRealtimeListResponse list(Q q) {
        return service.list(q.params());
    }

    static ThreadRealtimeItem frame(String id, String session, long observedAtMs, String text) {
        return new ThreadRealtimeItem.Frame(id, session, observedAtMs, new ThreadRealtimeFrameChannels(
                new ThreadRealtimeVoiceTranscript(ThreadRealtimeTranscriptRole.USER, text)));
    }

    long append(ThreadRealtimeItem item) {
        return store.append(T, item).join();
    }

    static List<String> ids(ThreadRealtimeListResponse response) {
        return response.data().stream().map(entry -> entry.item().id()).toList();
    }

    /** Two sessions; in s2 a user segment opened at 200 but sealed after an assistant reply observed at 210. */
    void twoSessions() {
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:s1", "s1", 100));
        append(frame("a", "s1", 110, "hello"));
        append(new ThreadRealtimeItem.RealtimeSessionClosed("c1", "s1", 120, ThreadRealtimeSessionOutcome.ENDED));
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:s2", "s2", 190));
        append(frame("late", "s2", 210, "reply"));
        append(frame("early", "s2", 200, "a long question"));
    }

    @Test
    void defaultOrderIsObservedAtThenPosition_positionOrderDiffers() {
        twoSessions();
        Q q = new Q();
        assertThat(ids(list(q))).containsExactly("realtime-session-start:s1", "a", "c1", "realtime-session-start:s2",
                "early", "late");
        q.order = ThreadRealtimeOrder.POSITION;
        ThreadRealtimeListResponse byPosition = list(q);
        assertThat(ids(byPosition)).containsExactly("realtime-session-start:s1", "a", "c1",
                "realtime-session-start:s2", "late", "early");
        assertThat(byPosition.data().stream().map(ThreadRealtimeEntry::position)).containsExactly(0L, 1L, 2L, 3L, 4L,
                5L);
        assertThat(byPosition.snapshotEnd()).isEqualTo(6);
        assertThat(byPosition.projectedThroughItemIndex()).isEqualTo(6);
        assertThat(byPosition.coverage()).isEqualTo(ThreadRealtimeCoverage.READY);
        assertThat(byPosition.nextCursor()).isNull();
    }

    @Test
    void everyFilter() {
        twoSessions();
        Q session = new Q();
        session.sessionId = "s1";
        assertThat(ids(list(session))).containsExactly("realtime-session-start:s1", "a", "c1");

        Q range = new Q();
        range.from = 110L;
        range.to = 200L;
        assertThat(ids(list(range))).as("from inclusive, to exclusive")
                .containsExactly("a", "c1", "realtime-session-start:s2");

        Q after = new Q();
        after.afterPosition = 3L;
        after.order = ThreadRealtimeOrder.POSITION;
        assertThat(ids(list(after))).containsExactly("late", "early");

        Q event = new Q();
        event.eventId = "early";
        assertThat(list(event).data()).containsExactly(new ThreadRealtimeEntry(5, frame("early", "s2", 200,
                "a long question")));

        Q snapshot = new Q();
        snapshot.snapshotEnd = 2L;
        ThreadRealtimeListResponse pinned = list(snapshot);
        assertThat(ids(pinned)).containsExactly("realtime-session-start:s1", "a");
        assertThat(pinned.snapshotEnd()).isEqualTo(2);
        assertThat(pinned.projectedThroughItemIndex()).isEqualTo(6);

        Q combined = new Q();
        combined.sessionId = "s2";
        combined.from = 200L;
        combined.eventId = "late";
        assertThat(ids(list(combined))).containsExactly("late");
        combined.sessionId = "s1";
        assertThat(list(combined).data()).as("explicit filters can exclude a known event").isEmpty();
        assertThat(list(combined).coverage()).isEqualTo(ThreadRealtimeCoverage.READY);
    }

    @Test
    void pending_whenTheAskedPositionOrItemIsNotStoredYet() {
        twoSessions();
        Q beyond = new Q();
        beyond.snapshotEnd = 7L;
        assertPending(list(beyond), 7);

        Q required = new Q();
        required.required = 6L;
        assertPending(list(required), 6);
        required.required = 5L;
        assertThat(list(required).coverage()).isEqualTo(ThreadRealtimeCoverage.READY);

        Q unknown = new Q();
        unknown.eventId = "open-segment";
        assertPending(list(unknown), 6);
        store.segmentOpened(T, (ThreadRealtimeItem.Frame) frame("open-segment", "s2", 230, ""));
        assertPending(list(unknown), 6);
        append(frame("open-segment", "s2", 230, "now sealed"));
        assertThat(ids(list(unknown))).containsExactly("open-segment");
    }

    private static void assertPending(ThreadRealtimeListResponse response, long snapshotEnd) {
        assertThat(response.coverage()).isEqualTo(ThreadRealtimeCoverage.PENDING);
        assertThat(response.data()).isEmpty();
        assertThat(response.nextCursor()).isNull();
        assertThat(response.snapshotEnd()).isEqualTo(snapshotEnd);
        assertThat(response.projectedThroughItemIndex()).isEqualTo(6);
    }

    @Test
    void pagingThroughMoreThanAThousandItemsWhileNewOnesArrive_pinsTheSnapshot() {
        // observation times deliberately not in position order: every 7th item was observed early
        for (int i = 0; i < 1_200; i++) {
            append(frame("item-" + i, "s", i % 7 == 0 ? i / 2 : i, "t" + i));
        }
        for (ThreadRealtimeOrder order : ThreadRealtimeOrder.values()) {
            Q q = new Q();
            q.order = order;
            q.limit = 97;
            List<String> seen = new ArrayList<>();
            ThreadRealtimeListResponse page = list(q);
            long snapshotEnd = page.snapshotEnd();
            int pages = 1;
            while (true) {
                seen.addAll(ids(page));
                assertThat(page.snapshotEnd()).isEqualTo(snapshotEnd);
                // new items arrive between pages, some observed earlier than everything listed so far
                append(frame("new-" + order + "-" + pages, "s", pages, "late"));
                if (page.nextCursor() == null) {
                    break;
                }
                assertThat(page.data()).hasSize(97);
                q.cursor = page.nextCursor();
                page = list(q);
                pages++;
            }
            Set<String> unique = new HashSet<>(seen);
            assertThat(seen).hasSize(unique.size()).as("no duplicates");
            List<String> expected = store.page(T, new TimelineQuery(null, null, null, null, null, snapshotEnd,
                    ThreadRealtimeOrder.POSITION, null, Integer.MAX_VALUE)).stream().map(e -> e.item().id()).toList();
            assertThat(expected).hasSize((int) snapshotEnd);
            assertThat(unique).as("exactly the snapshot").isEqualTo(new HashSet<>(expected));
            assertThat(seen).noneMatch(id -> id.startsWith("new-" + order));
            assertThat(pages).isEqualTo((int) Math.ceil(snapshotEnd / 97.0));
        }
    }

    @Test
    void observedAtOrderPagesAreSortedAcrossPages() {
        for (int i = 0; i < 300; i++) {
            append(frame("item-" + i, "s", (i * 37) % 101, "t"));
        }
        Q q = new Q();
        q.limit = 50;
        List<ThreadRealtimeEntry> all = new ArrayList<>();
        ThreadRealtimeListResponse page = list(q);
        all.addAll(page.data());
        while (page.nextCursor() != null) {
            q.cursor = page.nextCursor();
            page = list(q);
            all.addAll(page.data());
        }
        assertThat(all).hasSize(300).isSortedAccordingTo(java.util.Comparator
                .<ThreadRealtimeEntry>comparingLong(e -> e.item().observedAtMs())
                .thenComparingLong(ThreadRealtimeEntry::position));
    }

    @Test
    void errors() {
        twoSessions();
        for (int limit : new int[] {0, -1, 501}) {
            Q q = new Q();
            q.limit = limit;
            assertInvalid(q, "realtime page size must be between 1 and 500");
        }
        Q ok = new Q();
        ok.limit = 500;
        assertThat(list(ok).data()).hasSize(6);
        ok.limit = 1;
        assertThat(list(ok).nextCursor()).isNotNull();

        Q range = new Q();
        range.from = 5L;
        range.to = 5L;
        assertInvalid(range, "realtime observation time range must be nonempty");
        range.to = 4L;
        assertInvalid(range, "realtime observation time range must be nonempty");

        for (String bad : new String[] {"nonsense", "", "AAAA", "!!"}) {
            Q q = new Q();
            q.cursor = bad;
            assertInvalid(q, "invalid realtime cursor");
        }
        Q first = new Q();
        first.limit = 2;
        String cursor = list(first).nextCursor();
        Q tampered = new Q();
        tampered.limit = 2;
        tampered.cursor = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        assertInvalid(tampered, "invalid realtime cursor");

        Q otherOrder = new Q();
        otherOrder.cursor = cursor;
        otherOrder.order = ThreadRealtimeOrder.POSITION;
        assertInvalid(otherOrder, "realtime cursor does not match this query");
        Q otherFilter = new Q();
        otherFilter.cursor = cursor;
        otherFilter.sessionId = "s2";
        assertInvalid(otherFilter, "realtime cursor does not match this query");
        Q otherSnapshot = new Q();
        otherSnapshot.cursor = cursor;
        otherSnapshot.snapshotEnd = 3L;
        assertInvalid(otherSnapshot, "realtime cursor does not match this query");
        Q sameQueryOtherLimit = new Q();
        sameQueryOtherLimit.cursor = cursor;
        sameQueryOtherLimit.limit = 3;
        assertThat(ids(list(sameQueryOtherLimit))).containsExactly("c1", "realtime-session-start:s2", "early");
    }

    private void assertInvalid(Q q, String message) {
        assertThatThrownBy(() -> list(q)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_PARAMS);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void recovery_closesTheConversationTheProcessDiedIn() {
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:old", "old", 10));
        append(new ThreadRealtimeItem.RealtimeSessionClosed("old-closed", "old", 20,
                ThreadRealtimeSessionOutcome.ENDED));
        append(new ThreadRealtimeItem.RealtimeSessionStarted("realtime-session-start:live", "live", 30));
        append(frame("sealed", "live", 31, "done before the crash"));
        store.segmentOpened(T, (ThreadRealtimeItem.Frame) frame("open", "live", 32, ""));
        store.append("other-thread", new ThreadRealtimeItem.RealtimeSessionStarted("x", "x", 1)).join();
        store.append("other-thread", new ThreadRealtimeItem.RealtimeSessionClosed("y", "x", 2,
                ThreadRealtimeSessionOutcome.ENDED)).join();

        int closed = new RealtimeTimelineRecovery(store, java.time.Clock.fixed(java.time.Instant.ofEpochMilli(99),
                java.time.ZoneOffset.UTC)).recover();

        assertThat(closed).isEqualTo(1);
        Q q = new Q();
        q.order = ThreadRealtimeOrder.POSITION;
        q.afterPosition = 3L;
        List<ThreadRealtimeEntry> added = list(q).data();
        assertThat(added).hasSize(2);
        assertThat(added.get(0).item()).isEqualTo(frame("open", "live", 32, ""));
        assertThat(added.get(1).item()).isInstanceOfSatisfying(ThreadRealtimeItem.RealtimeSessionClosed.class, c -> {
            assertThat(c.outcome()).isEqualTo(ThreadRealtimeSessionOutcome.FAILED);
            assertThat(c.realtimeSessionId()).isEqualTo("live");
            assertThat(c.observedAtMs()).isEqualTo(99);
        });
        assertThat(store.interruptedConversations()).as("a second start has nothing left to close").isEmpty();
    }
}
