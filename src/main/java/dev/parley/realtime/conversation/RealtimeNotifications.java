package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.protocol.RealtimeTranscriptEntry;
import dev.parley.protocol.v2.ThreadRealtimeAudioChunk;
import dev.parley.protocol.v2.ThreadRealtimeErrorNotification;
import dev.parley.protocol.v2.ThreadRealtimeEventNotification;
import dev.parley.protocol.v2.ThreadRealtimeItemAddedNotification;
import dev.parley.protocol.v2.ThreadRealtimeOutputAudioDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptDeltaNotification;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptDoneNotification;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.realtime.upstream.TranscriptLedger;
import dev.parley.thread.NotificationPublisher;
import java.util.function.BiConsumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes one {@link RealtimeEvent}: its typed notification of {@code 02} §7.9 (if any), then
 * {@code thread/realtime/event} for the connections that opted in ({@code 02} §7.10).
 *
 * <p>Output audio (its {@code outputAudio/delta} and its raw event) goes straight out. Every other notification,
 * raw events included, goes through the conversation timeline's gate, so it stays behind an {@code item/completed}
 * whose write is not yet durable ({@code 09} §3) without the publisher waiting for the store.
 */
final class RealtimeNotifications {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final NotificationPublisher out;
    private final BiConsumer<String, String> errorPublished;

    /** {@code errorPublished} learns of every {@code thread/realtime/error} (threadId, message), for REST. */
    RealtimeNotifications(NotificationPublisher out, BiConsumer<String, String> errorPublished) {
        this.out = out;
        this.errorPublished = errorPublished;
    }

    /**
     * {@code nonFatalConflict}: the active-response conflict error appears on the event stream only. Transcript
     * events go through the conversation's {@code timeline} first, so its item notifications precede the legacy
     * ones ({@code 09} §3.2).
     */
    void publish(String threadId, ConversationTimeline timeline, RealtimeEvent event, boolean nonFatalConflict) {
        if (event instanceof RealtimeEvent.AudioOut audio) {
            // output audio is never held behind a write that is not yet durable: straight to the client
            out.toSubscribers(threadId, ProtocolRegistry.REALTIME_OUTPUT_AUDIO_DELTA,
                    new ThreadRealtimeOutputAudioDeltaNotification(threadId, chunk(audio.payload())));
            out.toSubscribers(threadId, ProtocolRegistry.REALTIME_EVENT,
                    new ThreadRealtimeEventNotification(threadId, event));
            return;
        }
        // everything else keeps its place behind a held item/completed (09 §3)
        NotificationPublisher held = timeline.notifications();
        if (!nonFatalConflict) {
            typed(threadId, timeline, held, event);
        }
        held.toSubscribers(threadId, ProtocolRegistry.REALTIME_EVENT, new ThreadRealtimeEventNotification(threadId, event));
    }

    private void typed(String threadId, ConversationTimeline timeline, NotificationPublisher held, RealtimeEvent event) {
        switch (event) {
            case RealtimeEvent.InputAudioSpeechStarted started -> itemAdded(held, threadId,
                    NODES.objectNode().put("type", "input_audio_buffer.speech_started")
                            .put("item_id", started.payload().itemId()));
            case RealtimeEvent.InputTranscriptDelta delta -> {
                timeline.delta(ThreadRealtimeTranscriptRole.USER, delta.payload().delta());
                transcriptDelta(held, threadId, TranscriptLedger.USER, delta.payload().delta());
            }
            case RealtimeEvent.OutputTranscriptDelta delta -> {
                timeline.delta(ThreadRealtimeTranscriptRole.ASSISTANT, delta.payload().delta());
                transcriptDelta(held, threadId, TranscriptLedger.ASSISTANT, delta.payload().delta());
            }
            case RealtimeEvent.InputTranscriptDone done -> {
                timeline.done(ThreadRealtimeTranscriptRole.USER, done.payload().text());
                transcriptDone(held, threadId, TranscriptLedger.USER, done.payload().text());
            }
            case RealtimeEvent.OutputTranscriptDone done -> {
                timeline.done(ThreadRealtimeTranscriptRole.ASSISTANT, done.payload().text());
                transcriptDone(held, threadId, TranscriptLedger.ASSISTANT, done.payload().text());
            }
            case RealtimeEvent.AudioOut ignored -> { } // published by publish(), never held
            case RealtimeEvent.ResponseCancelled cancelled -> itemAdded(held, threadId,
                    NODES.objectNode().put("type", "response.cancelled")
                            .put("response_id", cancelled.payload().responseId()));
            case RealtimeEvent.ConversationItemAdded added -> itemAdded(held, threadId, added.item());
            case RealtimeEvent.HandoffRequested handoff -> itemAdded(held, threadId, handoffItem(handoff.payload()));
            case RealtimeEvent.Error error -> {
                errorPublished.accept(threadId, error.message());
                held.toSubscribers(threadId, ProtocolRegistry.REALTIME_ERROR,
                        new ThreadRealtimeErrorNotification(threadId, error.message()));
            }
            case RealtimeEvent.SessionUpdated ignored -> { }
            case RealtimeEvent.ResponseCreated ignored -> { }
            case RealtimeEvent.ResponseDone ignored -> { }
            case RealtimeEvent.ConversationItemDone ignored -> { }
            case RealtimeEvent.NoopRequested ignored -> { }
        }
    }

    private static void itemAdded(NotificationPublisher out, String threadId, tools.jackson.databind.JsonNode item) {
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_ITEM_ADDED,
                new ThreadRealtimeItemAddedNotification(threadId, item));
    }

    private static void transcriptDelta(NotificationPublisher out, String threadId, String role, String delta) {
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TRANSCRIPT_DELTA,
                new ThreadRealtimeTranscriptDeltaNotification(threadId, role, delta));
    }

    private static void transcriptDone(NotificationPublisher out, String threadId, String role, String text) {
        out.toSubscribers(threadId, ProtocolRegistry.REALTIME_TRANSCRIPT_DONE,
                new ThreadRealtimeTranscriptDoneNotification(threadId, role, text));
    }

    private static ThreadRealtimeAudioChunk chunk(RealtimeAudioFrame frame) {
        return new ThreadRealtimeAudioChunk(frame.data(), frame.sampleRate(), frame.numChannels(),
                frame.samplesPerChannel(), frame.itemId());
    }

    private static ObjectNode handoffItem(RealtimeHandoffRequested handoff) {
        ObjectNode item = NODES.objectNode().put("type", "handoff_request").put("handoff_id", handoff.handoffId())
                .put("item_id", handoff.itemId()).put("input_transcript", handoff.inputTranscript());
        ArrayNode transcript = item.putArray("active_transcript");
        for (RealtimeTranscriptEntry entry : handoff.activeTranscript()) {
            transcript.addObject().put("role", entry.role()).put("text", entry.text());
        }
        return item;
    }
}
