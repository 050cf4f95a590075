package dev.parley.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server events of the two dialects: V1 "quicksilver" uses its own transcript, audio and handoff
 * events; V2 uses the GA Realtime API events. Each method returns the events to send, in order.
 */
final class SimulatorEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean quicksilver;

    SimulatorEvents(boolean quicksilver) {
        this.quicksilver = quicksilver;
    }

    boolean quicksilver() {
        return quicksilver;
    }

    static ObjectNode event(String type) {
        return NODES.objectNode().put("type", type);
    }

    ObjectNode sessionCreated(String sessionId) {
        ObjectNode event = event("session.created");
        event.putObject("session").put("id", sessionId).put("type", quicksilver ? "quicksilver" : "realtime");
        return event;
    }

    ObjectNode sessionUpdated(String sessionId, ObjectNode requested) {
        ObjectNode session = requested.deepCopy();
        session.put("id", sessionId);
        ObjectNode event = event("session.updated");
        event.set("session", session);
        return event;
    }

    List<ObjectNode> speechStarted(String itemId, long audioStartMs) {
        return List.of(event("input_audio_buffer.speech_started").put("item_id", itemId)
                .put("audio_start_ms", audioStartMs));
    }

    List<ObjectNode> speechStopped(String itemId, long audioEndMs) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "message").put("role", "user");
        item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        ObjectNode added = event("conversation.item.added");
        added.set("item", item);
        return List.of(event("input_audio_buffer.speech_stopped").put("item_id", itemId).put("audio_end_ms", audioEndMs),
                event("input_audio_buffer.committed").put("item_id", itemId), added);
    }

    List<ObjectNode> inputTranscript(String itemId, String transcript) {
        if (quicksilver) {
            return List.of(event("conversation.input_transcript.delta").put("delta", transcript),
                    event("conversation.input_transcript.turn_marked").put("transcript", transcript));
        }
        return List.of(
                event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
                        .put("content_index", 0).put("delta", transcript),
                event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                        .put("content_index", 0).put("transcript", transcript));
    }

    List<ObjectNode> itemAddedAndDone(ObjectNode item) {
        ObjectNode added = event("conversation.item.added");
        added.set("item", item.deepCopy());
        ObjectNode done = event("conversation.item.done");
        done.set("item", item.deepCopy());
        return List.of(added, done);
    }

    ObjectNode responseCreated(String responseId) {
        ObjectNode event = event("response.created");
        event.putObject("response").put("id", responseId).put("status", "in_progress").putArray("output");
        return event;
    }

    List<ObjectNode> responseFinished(String responseId, boolean cancelled) {
        List<ObjectNode> events = new ArrayList<>();
        if (cancelled) {
            ObjectNode cancel = event("response.cancelled");
            cancel.putObject("response").put("id", responseId).put("status", "cancelled");
            events.add(cancel);
        }
        ObjectNode done = event("response.done");
        done.putObject("response").put("id", responseId).put("status", cancelled ? "cancelled" : "completed");
        events.add(done);
        return events;
    }

    ObjectNode assistantItem(String itemId, String transcript, boolean completed) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "message").put("role", "assistant")
                .put("status", completed ? "completed" : "in_progress");
        ObjectNode part = item.putArray("content").addObject().put("type", "output_audio");
        if (completed) {
            part.put("transcript", transcript);
        }
        return item;
    }

    ObjectNode itemAdded(ObjectNode item) {
        ObjectNode added = event("conversation.item.added");
        added.set("item", item);
        return added;
    }

    ObjectNode itemDone(ObjectNode item) {
        ObjectNode done = event("conversation.item.done");
        done.set("item", item);
        return done;
    }

    ObjectNode audio(String responseId, String itemId, String base64) {
        if (quicksilver) {
            return event("conversation.output_audio.delta").put("delta", base64).put("sample_rate", 24_000)
                    .put("channels", 1).put("samples_per_channel", ToneGenerator.CHUNK_SAMPLES);
        }
        return event("response.output_audio.delta").put("response_id", responseId).put("item_id", itemId)
                .put("output_index", 0).put("content_index", 0).put("delta", base64);
    }

    ObjectNode transcriptDelta(String responseId, String itemId, String delta, boolean textOnly) {
        if (quicksilver) {
            return event("conversation.output_transcript.delta").put("delta", delta);
        }
        return event(textOnly ? "response.output_text.delta" : "response.output_audio_transcript.delta")
                .put("response_id", responseId).put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).put("delta", delta);
    }

    ObjectNode transcriptDone(String responseId, String itemId, String text, boolean textOnly) {
        if (textOnly && !quicksilver) {
            return event("response.output_text.done").put("response_id", responseId).put("item_id", itemId)
                    .put("text", text);
        }
        return event("response.output_audio_transcript.done").put("response_id", responseId).put("item_id", itemId)
                .put("transcript", text);
    }

    /** V1 handoff: the quicksilver server event. */
    ObjectNode handoffRequested(String handoffId, String itemId, String inputTranscript) {
        return event("conversation.handoff.requested").put("handoff_id", handoffId).put("item_id", itemId)
                .put("input_transcript", inputTranscript);
    }

    /** V2 handoff: a completed {@code background_agent} function call item. */
    ObjectNode functionCall(String itemId, String callId, String arguments) {
        return NODES.objectNode().put("id", itemId).put("type", "function_call").put("status", "completed")
                .put("name", "background_agent").put("call_id", callId).put("arguments", arguments);
    }

    static ObjectNode error(String code, String message) {
        ObjectNode event = event("error");
        event.putObject("error").put("type", "invalid_request_error").put("code", code).put("message", message);
        return event;
    }
}
