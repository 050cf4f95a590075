package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.realtime.upstream.TranscriptLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V1 (quicksilver) side effects ({@code 04} §6.7): V1 never tracks output audio and never sends
 * {@code response.create}; a handoff becomes active on arrival.
 *
 * <p>With a delegation grace ({@code 04} §10) a handoff is held: the loop closes any open grace before a new
 * handoff arrives here, so this class only opens one; the ledger's handoff step runs when it closes. With
 * grace 0 the step runs at once.
 */
final class V1EventEffects implements EventEffects {

    private static final Logger log = LoggerFactory.getLogger(V1EventEffects.class);

    private final TranscriptLedger ledger;
    private final HandoffState handoffs;
    private final HandoffGrace grace;

    V1EventEffects(TranscriptLedger ledger, HandoffState handoffs, HandoffGrace grace) {
        this.ledger = ledger;
        this.handoffs = handoffs;
        this.grace = grace;
    }

    @Override
    public Step apply(RealtimeEvent event) {
        return switch (event) {
            case RealtimeEvent.HandoffRequested requested -> {
                handoffs.onV1Handoff(requested.payload());
                if (grace.enabled()) {
                    grace.open(requested.payload(), System.nanoTime());
                    yield new Step(null, Disposition.HOLD);
                }
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
