package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.realtime.upstream.TranscriptLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V1 (quicksilver) side effects ({@code 04} §6.7): V1 never tracks output audio and never sends
 * {@code response.create}; a handoff becomes active on arrival.
 *
 * <p>The ledger's handoff step runs here when the handoff arrives. The delegation grace of {@code 04} §10
 * ({@code parley.realtime.v1-handoff-grace}) is not implemented yet and behaves as grace 0; it slots in by
 * answering {@link Disposition#HOLD}, recording later transcript events with {@code ledger.record}, and
 * running {@code ledger.handoff} when the grace closes.
 */
final class V1EventEffects implements EventEffects {

    private static final Logger log = LoggerFactory.getLogger(V1EventEffects.class);

    private final TranscriptLedger ledger;
    private final HandoffState handoffs;

    V1EventEffects(TranscriptLedger ledger, HandoffState handoffs) {
        this.ledger = ledger;
        this.handoffs = handoffs;
    }

    @Override
    public Step apply(RealtimeEvent event) {
        return switch (event) {
            case RealtimeEvent.HandoffRequested requested -> {
                handoffs.onV1Handoff(requested.payload());
                yield Step.publish(new RealtimeEvent.HandoffRequested(ledger.handoff(requested.payload())));
            }
            case RealtimeEvent.Error error when EventEffects.isActiveResponseConflict(error) -> {
                log.warn("V1 upstream reported an active-response conflict; Parley sends no response.create on V1");
                yield new Step(error, Disposition.PUBLISH_NON_FATAL);
            }
            case RealtimeEvent.Error error -> new Step(error, Disposition.PUBLISH_THEN_END);
            case RealtimeEvent.SessionUpdated updated -> {
                log.debug("upstream session updated: {}", updated.sessionId());
                yield Step.publish(updated);
            }
            default -> {
                ledger.record(event);
                yield Step.publish(event);
            }
        };
    }
}
