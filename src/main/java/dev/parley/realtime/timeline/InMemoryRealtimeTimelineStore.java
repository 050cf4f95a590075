package dev.parley.realtime.timeline;

import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The timeline in memory: durable for as long as the process lives, so every write is complete when it
 * returns. Entries of a thread are kept in position order; a page is a filtered scan (fine for one thread's
 * history, which a conversation grows by a few items a minute).
 */
public final class InMemoryRealtimeTimelineStore implements RealtimeTimelineStore {

    private static final Comparator<ThreadRealtimeEntry> OBSERVED_AT =
            Comparator.<ThreadRealtimeEntry>comparingLong(entry -> entry.item().observedAtMs())
                    .thenComparingLong(ThreadRealtimeEntry::position);

    /** One thread's history; guarded by its lock. */
    private static final class ThreadTimeline {
        final ReentrantLock lock = new ReentrantLock();
        final List<ThreadRealtimeEntry> entries = new ArrayList<>();
        final Map<String, ThreadRealtimeEntry> byId = new HashMap<>();
        final Map<String, ThreadRealtimeItem.Frame> open = new LinkedHashMap<>();
        long next;
    }

    private final Map<String, ThreadTimeline> threads = new ConcurrentHashMap<>();

    @Override
    public void segmentOpened(String threadId, ThreadRealtimeItem.Frame opened) {
        locked(timeline(threadId), timeline -> timeline.open.put(opened.id(), opened));
    }

    @Override
    public CompletableFuture<Long> append(String threadId, ThreadRealtimeItem item) {
        return CompletableFuture.completedFuture(locked(timeline(threadId), timeline -> {
            long position = timeline.next++;
            ThreadRealtimeEntry entry = new ThreadRealtimeEntry(position, item);
            timeline.entries.add(entry);
            timeline.byId.putIfAbsent(item.id(), entry);
            timeline.open.remove(item.id());
            return position;
        }));
    }

    @Override
    public long nextPosition(String threadId) {
        ThreadTimeline timeline = threads.get(threadId);
        return timeline == null ? 0 : locked(timeline, t -> t.next);
    }

    @Override
    public Optional<ThreadRealtimeEntry> find(String threadId, String itemId) {
        ThreadTimeline timeline = threads.get(threadId);
        return timeline == null ? Optional.empty() : locked(timeline, t -> Optional.ofNullable(t.byId.get(itemId)));
    }

    @Override
    public List<ThreadRealtimeEntry> page(String threadId, TimelineQuery query) {
        ThreadTimeline timeline = threads.get(threadId);
        if (timeline == null) {
            return List.of();
        }
        // an entry's position is its index here (one entry per position, from 0)
        List<ThreadRealtimeEntry> snapshot = locked(timeline,
                t -> List.copyOf(t.entries.subList(0, Math.clamp(query.snapshotEnd(), 0, t.entries.size()))));
        var matching = snapshot.stream().filter(matches(query));
        if (query.order() == ThreadRealtimeOrder.OBSERVED_AT) {
            matching = matching.sorted(OBSERVED_AT);
        }
        return matching.filter(afterKey(query)).limit(query.limit()).toList();
    }

    @Override
    public List<InterruptedConversation> interruptedConversations() {
        List<InterruptedConversation> interrupted = new ArrayList<>();
        threads.forEach((threadId, timeline) -> {
            timeline.lock.lock();
            try {
                for (ThreadRealtimeEntry entry : timeline.entries.reversed()) {
                    if (entry.item() instanceof ThreadRealtimeItem.RealtimeSessionClosed) {
                        break;
                    }
                    if (entry.item() instanceof ThreadRealtimeItem.RealtimeSessionStarted started) {
                        interrupted.add(new InterruptedConversation(threadId, started.realtimeSessionId(),
                                List.copyOf(timeline.open.values())));
                        break;
                    }
                }
            } finally {
                timeline.lock.unlock();
            }
        });
        return interrupted;
    }

    private static <T> T locked(ThreadTimeline timeline, Function<ThreadTimeline, T> action) {
        timeline.lock.lock();
        try {
            return action.apply(timeline);
        } finally {
            timeline.lock.unlock();
        }
    }

    private ThreadTimeline timeline(String threadId) {
        return threads.computeIfAbsent(threadId, id -> new ThreadTimeline());
    }

    private static Predicate<ThreadRealtimeEntry> matches(TimelineQuery query) {
        return entry -> {
            ThreadRealtimeItem item = entry.item();
            return (query.sessionId() == null || query.sessionId().equals(item.realtimeSessionId()))
                    && (query.fromObservedAtMs() == null || item.observedAtMs() >= query.fromObservedAtMs())
                    && (query.toObservedAtMs() == null || item.observedAtMs() < query.toObservedAtMs())
                    && (query.afterPosition() == null || entry.position() > query.afterPosition())
                    && (query.eventId() == null || query.eventId().equals(item.id()));
        };
    }

    private static Predicate<ThreadRealtimeEntry> afterKey(TimelineQuery query) {
        TimelineQuery.Key after = query.after();
        if (after == null) {
            return entry -> true;
        }
        if (query.order() == ThreadRealtimeOrder.POSITION) {
            return entry -> entry.position() > after.position();
        }
        return entry -> entry.item().observedAtMs() > after.observedAtMs()
                || entry.item().observedAtMs() == after.observedAtMs() && entry.position() > after.position();
    }
}
