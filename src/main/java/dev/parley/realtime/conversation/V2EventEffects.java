package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.realtime.upstream.TranscriptLedger;
import dev.parley.realtime.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V2 (GA) side effects ({@code 04} §6.7): output-audio tracking and barge-in truncation, the response-create
 * arbiter, tool calls. Every write happens here, before the event is published ({@code 04} §13.3).
 */
final class V2EventEffects implements EventEffects {

    private static final Logger log = LoggerFactory.getLogger(V2EventEffects.class);

    private final TranscriptLedger ledger;
    private final HandoffState handoffs;
    private final ResponseCreateArbiter arbiter;
    private final OutputAudioTracker tracker;
    private final UpstreamWriter writer;
    private final ConversationCounters counters;

    V2EventEffects(TranscriptLedger ledger, HandoffState handoffs, ResponseCreateArbiter arbiter,
            OutputAudioTracker tracker, UpstreamWriter writer, ConversationCounters counters) {
        this.ledger = ledger;
        this.handoffs = handoffs;
        this.arbiter = arbiter;
        this.tracker = tracker;
        this.writer = writer;
        this.counters = counters;
    }

    @Override
    public Step apply(RealtimeEvent event) throws UpstreamException, InterruptedException {
        RealtimeEvent published = ledger.apply(event);
        switch (published) {
            case RealtimeEvent.SessionUpdated updated -> log.debug("upstream session updated: {}", updated.sessionId());
            case RealtimeEvent.AudioOut audio -> tracker.onAudioOut(audio.payload());
            case RealtimeEvent.InputAudioSpeechStarted started -> truncate();
            case RealtimeEvent.ResponseCreated created -> arbiter.onCreated();
            case RealtimeEvent.ResponseCancelled cancelled -> {
                tracker.clear();
                arbiter.onFinished(cancelled.payload().responseId());
            }
            case RealtimeEvent.ResponseDone done -> {
                tracker.clear();
                arbiter.onFinished(done.payload().responseId());
            }
            case RealtimeEvent.HandoffRequested requested -> {
                tracker.clear();
                handoffs.onV2Handoff(requested.payload());
            }
            case RealtimeEvent.NoopRequested noop -> {
                tracker.clear();
                handoffs.onNoop(noop.payload().callId());
            }
            case RealtimeEvent.Error error when EventEffects.isActiveResponseConflict(error) -> {
                arbiter.onConflict();
                return new Step(error, Disposition.PUBLISH_NON_FATAL);
            }
            case RealtimeEvent.Error error -> {
                return new Step(error, Disposition.PUBLISH_THEN_END);
            }
            default -> {
                // transcripts and items: the ledger was all
            }
        }
        return Step.publish(published);
    }

    private void truncate() throws InterruptedException {
        var truncate = tracker.onSpeechStarted();
        if (truncate.isEmpty()) {
            return;
        }
        try {
            writer.send(truncate.get());
            counters.truncationSent();
        } catch (UpstreamException e) {
            // The read side reports a broken connection by itself; a rejected truncate is not worth ending for.
            log.warn("could not send the barge-in truncation: {}", e.getMessage());
        }
    }
}
