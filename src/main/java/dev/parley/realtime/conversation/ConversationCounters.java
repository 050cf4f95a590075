package dev.parley.realtime.conversation;

import java.util.concurrent.atomic.AtomicLong;

/** The {@code 04} §14 counters of one conversation (atomics), mirrored into the server-wide meters. */
final class ConversationCounters {

    private final ConversationMetrics.Meters meters;
    private final AtomicLong audioInFrames = new AtomicLong();
    private final AtomicLong audioInDropped = new AtomicLong();
    private final AtomicLong audioOutFrames = new AtomicLong();
    private final AtomicLong audioOutDropped = new AtomicLong();
    private final AtomicLong upstreamEvents = new AtomicLong();
    private final AtomicLong handoffs = new AtomicLong();
    private final AtomicLong responseCreatesSent = new AtomicLong();
    private final AtomicLong responseCreatesDeferred = new AtomicLong();

    ConversationCounters(ConversationMetrics.Meters meters) {
        this.meters = meters;
    }

    void audioIn() {
        audioInFrames.incrementAndGet();
        meters.audioIn().increment();
    }

    void audioInDropped() {
        audioInDropped.incrementAndGet();
        meters.audioInDropped().increment();
    }

    void audioOut() {
        audioOutFrames.incrementAndGet();
        meters.audioOut().increment();
    }

    /** An output audio frame shed because the publisher was that far behind (overload). */
    void audioOutDropped() {
        audioOutDropped.incrementAndGet();
        meters.audioOutDropped().increment();
    }

    void upstreamEvent() {
        upstreamEvents.incrementAndGet();
    }

    void handoffRouted() {
        handoffs.incrementAndGet();
        meters.handoffs().increment();
    }

    void responseCreateSent() {
        responseCreatesSent.incrementAndGet();
        meters.responseCreatesSent().increment();
    }

    void responseCreateDeferred() {
        responseCreatesDeferred.incrementAndGet();
        meters.responseCreatesDeferred().increment();
    }

    void truncationSent() {
        meters.truncations().increment();
    }

    RealtimeCounters snapshot() {
        return new RealtimeCounters(audioInFrames.get(), audioInDropped.get(), audioOutFrames.get(),
                audioOutDropped.get(), upstreamEvents.get(), handoffs.get(), responseCreatesSent.get(), responseCreatesDeferred.get());
    }
}
