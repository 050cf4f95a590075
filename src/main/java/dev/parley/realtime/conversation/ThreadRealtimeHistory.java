package dev.parley.realtime.conversation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What REST reports about a thread's realtime past ({@code 02} §8.2): the last started conversation, when and
 * why the last one closed, the last error. Guarded by the {@link ConversationRegistry}'s lock.
 */
final class ThreadRealtimeHistory {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final class Entry {
        @Nullable Conversation last;
        @Nullable Instant closedAt;
        @Nullable EndReason lastCloseReason;
        @Nullable String lastError;
    }

    private final Map<String, Entry> byThread = new HashMap<>();

    void started(String threadId, Conversation conversation) {
        entry(threadId).last = conversation;
    }

    void closed(String threadId, EndReason reason, Instant at) {
        Entry entry = entry(threadId);
        entry.closedAt = at;
        entry.lastCloseReason = reason;
    }

    void error(String threadId, String message) {
        entry(threadId).lastError = message;
    }

    RealtimeState state(String threadId, @Nullable Conversation current, int subscribers) {
        Entry entry = byThread.getOrDefault(threadId, new Entry());
        Conversation shown = current != null ? current : entry.last;
        String state = current != null ? current.state().restName() : ConversationState.CLOSED.restName();
        return new RealtimeState(state,
                shown == null ? null : shown.version.wireName(),
                shown == null ? null : shown.realtimeSessionId,
                shown == null ? null : format(shown.startedAt()),
                format(entry.closedAt),
                entry.lastCloseReason == null ? null : entry.lastCloseReason.wireName(),
                entry.lastError,
                subscribers,
                shown == null ? RealtimeCounters.ZERO : shown.counters.snapshot());
    }

    private Entry entry(String threadId) {
        return byThread.computeIfAbsent(threadId, id -> new Entry());
    }

    private static @Nullable String format(@Nullable Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
