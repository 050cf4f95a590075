package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ThreadRealtimeEntry;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.realtime.timeline.InMemoryRealtimeTimelineStore;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.realtime.timeline.TimelineQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeline store whose transcript-segment appends become durable only when the test says so: while
 * {@link #hold} is on, an append of a {@code Frame} is queued (not yet readable) and its future stays pending until
 * {@link #release}. Every other item is stored at once, as the memory store does.
 */
final class HeldTimelineStore implements RealtimeTimelineStore {

    private record Pending(String threadId, ThreadRealtimeItem item, CompletableFuture<Long> durable) { }

    private final InMemoryRealtimeTimelineStore delegate = new InMemoryRealtimeTimelineStore();
    private final List<Pending> pending = new ArrayList<>();
    private boolean holding;

    synchronized void hold() {
        holding = true;
    }

    /** Stops holding and makes every queued append durable, in order. */
    void release() {
        List<Pending> due;
        synchronized (this) {
            holding = false;
            due = new ArrayList<>(pending);
            pending.clear();
        }
        for (Pending p : due) {
            delegate.append(p.threadId(), p.item()).thenAccept(p.durable()::complete);
        }
    }

    /** Waits (bounded) until at least {@code count} segment appends are waiting for {@link #release}. */
    synchronized void awaitPending(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pending.size() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("expected " + count + " pending segment writes, have " + pending.size());
            }
            wait(left);
        }
    }

    @Override
    public void segmentOpened(String threadId, ThreadRealtimeItem.Frame opened) {
        delegate.segmentOpened(threadId, opened);
    }

    @Override
    public CompletableFuture<Long> append(String threadId, ThreadRealtimeItem item) {
        synchronized (this) {
            if (holding && item instanceof ThreadRealtimeItem.Frame) {
                CompletableFuture<Long> durable = new CompletableFuture<>();
                pending.add(new Pending(threadId, item, durable));
                notifyAll();
                return durable;
            }
        }
        return delegate.append(threadId, item);
    }

    @Override
    public long nextPosition(String threadId) {
        return delegate.nextPosition(threadId);
    }

    @Override
    public Optional<ThreadRealtimeEntry> find(String threadId, String itemId) {
        return delegate.find(threadId, itemId);
    }

    @Override
    public List<ThreadRealtimeEntry> page(String threadId, TimelineQuery query) {
        return delegate.page(threadId, query);
    }

    @Override
    public List<InterruptedConversation> interruptedConversations() {
        return delegate.interruptedConversations();
    }
}
