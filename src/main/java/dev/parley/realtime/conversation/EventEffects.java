package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.realtime.upstream.UpstreamException;
import org.jspecify.annotations.Nullable;

/**
 * Steps 2–3 of {@code 04} §6.6 for one protocol version: apply the ledger, then the version's side effects
 * with every write they imply, and say how the event is published. Confined to the input loop.
 */
sealed interface EventEffects permits V1EventEffects, V2EventEffects {

    String ACTIVE_RESPONSE_CONFLICT = "Conversation already has an active response in progress";

    /** What the loop does with an event after its side effects. */
    enum Disposition {
        /** Publish it. */
        PUBLISH,
        /** The active-response conflict: publish on the event stream only, keep running. */
        PUBLISH_NON_FATAL,
        /** A fatal upstream error: publish it, then end with {@code error}. */
        PUBLISH_THEN_END,
        /** Held back (a V1 handoff under the delegation grace): published later. */
        HOLD
    }

    /** The event to publish (a handoff gains its active transcript) and what to do with it. */
    record Step(@Nullable RealtimeEvent event, Disposition disposition) {
        static Step publish(RealtimeEvent event) {
            return new Step(event, Disposition.PUBLISH);
        }
    }

    Step apply(RealtimeEvent event) throws UpstreamException, InterruptedException;

    static boolean isActiveResponseConflict(RealtimeEvent.Error error) {
        return error.message().startsWith(ACTIVE_RESPONSE_CONFLICT);
    }
}
