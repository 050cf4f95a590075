package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.realtime.upstream.TranscriptLedger;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The V1 delegation grace ({@code 04} §10, seed 000). Quicksilver often sends the transcript of the words
 * that triggered a handoff after the handoff itself, so the handoff is held for a short grace: transcript
 * events keep going through the ledger meanwhile (no boundary yet, so late words join the entries they
 * belong to), and only when the grace closes does the ledger's handoff step run. The ledger boundary then
 * lies after the absorbed words, which therefore never reappear in the next handoff's transcript delta.
 * Confined to the input loop.
 */
final class HandoffGrace {

    private final long graceNanos;
    private final TranscriptLedger ledger;
    private @Nullable RealtimeHandoffRequested held;
    private long deadline;

    HandoffGrace(Duration grace, TranscriptLedger ledger) {
        this.graceNanos = grace.toNanos();
        this.ledger = ledger;
    }

    /** Whether handoffs are held at all ({@code parley.realtime.v1-handoff-grace} above zero). */
    boolean enabled() {
        return graceNanos > 0;
    }

    boolean isOpen() {
        return held != null;
    }

    /** Nanoseconds until the open grace expires (at most 0 when it already has). */
    long remainingNanos(long now) {
        return deadline - now;
    }

    /** Holds a handoff; the caller has closed any earlier grace first. */
    void open(RealtimeHandoffRequested handoff, long now) {
        if (held != null) {
            throw new IllegalStateException("close the open grace before holding another handoff");
        }
        held = handoff;
        deadline = now + graceNanos;
    }

    /** Closes the grace: runs the ledger's handoff step and returns the handoff to route and publish. */
    RealtimeEvent.HandoffRequested close() {
        RealtimeHandoffRequested handoff = held;
        if (handoff == null) {
            throw new IllegalStateException("no open grace");
        }
        held = null;
        return new RealtimeEvent.HandoffRequested(ledger.handoff(handoff));
    }
}
