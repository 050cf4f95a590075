package dev.parley.realtime.upstream;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Pure encoder of {@link UpstreamMessage}s to the exact JSON text of {@code 03} §6 and §8. */
public final class UpstreamMessageEncoder {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UpstreamMessageEncoder() {
    }

    private static final String AUDIO_APPEND_HEAD = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
    private static final String AUDIO_APPEND_TAIL = "\"}";

    public static String encode(UpstreamMessage message) {
        if (message instanceof UpstreamMessage.AudioAppend(String audio) && needsNoEscape(audio)) {
            // one per client frame: the text in a single copy (one concatenation of known size), no tree and no
            // generator (base64 needs no escape)
            return AUDIO_APPEND_HEAD + audio + AUDIO_APPEND_TAIL;
        }
        return MAPPER.writeValueAsString(toJson(message));
    }

    /** True if the JSON string of {@code text} is the text itself between quotes (no quote, backslash or control). */
    static boolean needsNoEscape(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public static ObjectNode toJson(UpstreamMessage message) {
        ObjectNode json = NODES.objectNode();
        switch (message) {
            case UpstreamMessage.SessionUpdate update -> {
                json.put("type", "session.update");
                json.set("session", SessionUpdatePayload.session(update));
            }
            case UpstreamMessage.AudioAppend audio -> {
                json.put("type", "input_audio_buffer.append");
                json.put("audio", audio.audio());
            }
            case UpstreamMessage.TextItem text -> {
                json.put("type", "conversation.item.create");
                ObjectNode item = json.putObject("item");
                item.put("type", "message");
                item.put("role", text.role().wireName());
                ArrayNode content = item.putArray("content");
                content.addObject().put("type", text.contentPartType()).put("text", text.text());
            }
            case UpstreamMessage.HandoffAppend append -> {
                json.put("type", "conversation.handoff.append");
                json.put("handoff_id", append.handoffId());
                json.put("output_text", append.outputText());
            }
            case UpstreamMessage.FunctionCallOutput output -> {
                json.put("type", "conversation.item.create");
                ObjectNode item = json.putObject("item");
                item.put("type", "function_call_output");
                item.put("call_id", output.callId());
                item.put("output", output.output());
            }
            case UpstreamMessage.ResponseCreate create -> json.put("type", "response.create");
            case UpstreamMessage.Truncate truncate -> {
                json.put("type", "conversation.item.truncate");
                json.put("item_id", truncate.itemId());
                json.put("content_index", 0);
                json.put("audio_end_ms", truncate.audioEndMs());
            }
        }
        return json;
    }
}
