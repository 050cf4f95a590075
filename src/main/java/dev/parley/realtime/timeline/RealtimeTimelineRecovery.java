package dev.parley.realtime.timeline;

import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeSessionOutcome;
import dev.parley.thread.UuidV7;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the conversations a process died in ({@code 09} §5): each segment still recorded as open becomes a
 * {@code frame} with the text recorded for it, then a {@code realtimeSessionClosed {failed}} observed now. Runs
 * at start-up, before any conversation can start; on a database several processes share, also after each lease
 * sweep, for the conversations of a peer whose lease expired (the store hands each to one process only).
 */
public final class RealtimeTimelineRecovery {

    private static final Logger log = LoggerFactory.getLogger(RealtimeTimelineRecovery.class);

    private final RealtimeTimelineStore store;
    private final Clock clock;

    public RealtimeTimelineRecovery(RealtimeTimelineStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Returns how many conversations were closed. */
    public int recover() {
        long now = clock.millis();
        int closed = 0;
        for (RealtimeTimelineStore.InterruptedConversation interrupted : store.interruptedConversations()) {
            for (ThreadRealtimeItem.Frame segment : interrupted.openSegments()) {
                store.append(interrupted.threadId(), segment);
            }
            CompletableFuture<Long> last = store.append(interrupted.threadId(), new ThreadRealtimeItem.RealtimeSessionClosed(
                    UuidV7.next(), interrupted.realtimeSessionId(), now, ThreadRealtimeSessionOutcome.FAILED));
            last.join();
            log.warn("realtime conversation {} of thread {} was running when the process stopped; closed as failed",
                    interrupted.realtimeSessionId(), interrupted.threadId());
            closed++;
        }
        return closed;
    }
}
