package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadRealtimeFrameChannels;
import dev.parley.protocol.v2.ThreadRealtimeHandoffMode;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeItemCompletedNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemStartedNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemTranscriptDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeSessionOutcome;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.protocol.v2.ThreadRealtimeVoiceTranscript;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The timeline side of one conversation ({@code 09} §2–§3): its transcript segments (at most one open per role),
 * the segments that fed the next handoff, and the {@code thread/realtime/item/*} notifications. Called by the
 * publisher (transcripts, handoffs) and by the manager (start, end), in the conversation's publication order.
 *
 * <p>A delta costs a string append and one notification: nothing is written per delta. A segment's opening goes
 * to the store fire-and-forget; the append of a completed item is write-behind too, and its {@code item/completed}
 * (with every later non-audio notification of the conversation) waits in the conversation's {@link DurableGate}
 * until the append is durable, so the publisher, which also carries output audio, never waits for the store. Only
 * the start and the end wait for the gate to empty ({@code started} after the stored start item, {@code closed}
 * last). The lock is uncontended except when a stop that timed out seals the segments while the publisher is still
 * delivering.
 */
final class ConversationTimeline {

    /** How long a held {@code item/completed} waits for its write before it goes out anyway (logged). */
    private static final Duration DURABLE_WAIT = Duration.ofSeconds(10);
    /** Held notifications beyond this are released at once: a stalled store must not grow the queue unbounded. */
    private static final int MAX_HELD = 4096;

    /** An open transcript segment. */
    private static final class Segment {
        final String id = UuidV7.next();
        final ThreadRealtimeTranscriptRole role;
        final long observedAtMs;
        final StringBuilder text = new StringBuilder();

        Segment(ThreadRealtimeTranscriptRole role, long observedAtMs) {
            this.role = role;
            this.observedAtMs = observedAtMs;
        }
    }

    private final String threadId;
    private final String realtimeSessionId;
    private final RealtimeTimelineStore store;
    private final DurableGate out;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Segment[] open = new Segment[ThreadRealtimeTranscriptRole.values().length];
    private final Set<String> sinceHandoff = new LinkedHashSet<>();
    private boolean closed;

    ConversationTimeline(String threadId, String realtimeSessionId, RealtimeTimelineStore store,
            NotificationPublisher out, Clock clock) {
        this.threadId = threadId;
        this.realtimeSessionId = realtimeSessionId;
        this.store = store;
        this.out = new DurableGate(out, DURABLE_WAIT, MAX_HELD);
        this.clock = clock;
    }

    /**
     * Where the conversation's non-audio notifications go, so they keep their place behind a held
     * {@code item/completed}; output audio goes straight to the publisher instead.
     */
    NotificationPublisher notifications() {
        return out;
    }

    /** The session is live: {@code realtimeSessionStarted}, stored, before {@code thread/realtime/started}. */
    void sessionStarted() {
        ThreadRealtimeItem item = new ThreadRealtimeItem.RealtimeSessionStarted(
                "realtime-session-start:" + realtimeSessionId, realtimeSessionId, clock.millis());
        startedAndCompleted(item);
        out.awaitReleased();
    }

    /** A transcript delta: opens the role's segment if none is open, then {@code item/transcript/delta}. */
    void delta(ThreadRealtimeTranscriptRole role, String delta) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Segment segment = open[role.ordinal()];
            append(segment != null ? segment : open(role), delta);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The role's done: seals its open segment with the accumulated deltas, or, with none open, makes a whole
     * segment of the done's text. Never waits: {@code item/completed} is held until the segment is durable, and
     * the legacy {@code transcript/done} the caller sends next through {@link #notifications()} is held behind it.
     */
    void done(ThreadRealtimeTranscriptRole role, String text) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Segment segment = open[role.ordinal()];
            if (segment == null) {
                segment = append(open(role), text);
            }
            // again after deltas: a handoff since them took the segment, and its sealed text still follows
            sinceHandoff.add(segment.id);
            seal(segment);
        } finally {
            lock.unlock();
        }
    }

    /** The ids of the segments that received text since the previous handoff; the next handoff starts afresh. */
    List<String> takeHandoffSources() {
        lock.lock();
        try {
            List<String> sources = new ArrayList<>(sinceHandoff);
            sinceHandoff.clear();
            return sources;
        } finally {
            lock.unlock();
        }
    }

    /** A handoff was routed to a turn whose user-message item exists: {@code turnInputAccepted}. */
    void handoffRouted(String handoffId, String turnId, ThreadRealtimeHandoffMode mode, List<String> sources,
            String inputItemId, String input) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            startedAndCompleted(new ThreadRealtimeItem.TurnInputAccepted(UuidV7.next(), realtimeSessionId,
                    clock.millis(), handoffId, turnId, mode, sources, inputItemId, input));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The conversation ends: every open segment is sealed with what it has (no legacy {@code transcript/done}),
     * then {@code realtimeSessionClosed}. Returns once all of it (and everything held before it) is out, so the
     * caller's {@code closed} comes last. Runs once; later calls and later transcript events do nothing.
     */
    void sessionClosed(EndReason reason) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Segment segment : open) {
                if (segment != null) {
                    seal(segment);
                }
            }
            ThreadRealtimeSessionOutcome outcome = reason == EndReason.ERROR ? ThreadRealtimeSessionOutcome.FAILED
                    : ThreadRealtimeSessionOutcome.ENDED;
            startedAndCompleted(new ThreadRealtimeItem.RealtimeSessionClosed(UuidV7.next(), realtimeSessionId,
                    clock.millis(), outcome));
        } finally {
            lock.unlock();
        }
        // outside the lock: a publisher still delivering must not wait for the store behind it
        out.awaitReleased();
    }

    /** Lock held. */
    private Segment open(ThreadRealtimeTranscriptRole role) {
        Segment segment = new Segment(role, clock.millis());
        open[role.ordinal()] = segment;
        store.segmentOpened(threadId, frame(segment, ""));
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TIMELINE_ITEM_STARTED,
                new ThreadRealtimeItemStartedNotification(threadId, new ThreadRealtimeItem.TranscriptSegment(
                        segment.id, realtimeSessionId, segment.observedAtMs, role, "")));
        return segment;
    }

    /** Lock held: a piece of a segment's text, with its {@code item/transcript/delta}. */
    private Segment append(Segment segment, String text) {
        segment.text.append(text);
        sinceHandoff.add(segment.id);
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TIMELINE_TRANSCRIPT_DELTA,
                new ThreadRealtimeItemTranscriptDeltaNotification(threadId, segment.id, text));
        return segment;
    }

    /** Lock held: stores the segment's frame; {@code item/completed} with its live form once that is durable. */
    private void seal(Segment segment) {
        open[segment.role.ordinal()] = null;
        String text = segment.text.toString();
        out.holdUntil(store.append(threadId, frame(segment, text)), store.writable(), segment.id);
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TIMELINE_ITEM_COMPLETED,
                new ThreadRealtimeItemCompletedNotification(threadId, new ThreadRealtimeItem.TranscriptSegment(
                        segment.id, realtimeSessionId, segment.observedAtMs, segment.role, text)));
    }

    private void startedAndCompleted(ThreadRealtimeItem item) {
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TIMELINE_ITEM_STARTED,
                new ThreadRealtimeItemStartedNotification(threadId, item));
        out.holdUntil(store.append(threadId, item), store.writable(), item.id());
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TIMELINE_ITEM_COMPLETED,
                new ThreadRealtimeItemCompletedNotification(threadId, item));
    }

    private ThreadRealtimeItem.Frame frame(Segment segment, String text) {
        return new ThreadRealtimeItem.Frame(segment.id, realtimeSessionId, segment.observedAtMs,
                new ThreadRealtimeFrameChannels(new ThreadRealtimeVoiceTranscript(segment.role, text)));
    }
}
