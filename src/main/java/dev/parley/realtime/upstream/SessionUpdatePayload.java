package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@code session} object of the first frame, per version and session type ({@code 03} §6). */
final class SessionUpdatePayload {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SAMPLE_RATE = 24_000;

    private SessionUpdatePayload() {
    }

    static ObjectNode session(UpstreamMessage.SessionUpdate update) {
        if (update.version() == RealtimeConversationVersion.V1) {
            return quicksilver(update);
        }
        return update.effectiveSessionType() == SessionType.TRANSCRIPTION ? transcription() : realtime(update);
    }

    private static ObjectNode quicksilver(UpstreamMessage.SessionUpdate update) {
        ObjectNode session = NODES.objectNode();
        session.put("type", "quicksilver");
        session.put("instructions", update.instructions());
        ObjectNode audio = session.putObject("audio");
        audio.putObject("input").set("format", pcmFormat());
        audio.putObject("output").put("voice", update.voice());
        return session;
    }

    private static ObjectNode realtime(UpstreamMessage.SessionUpdate update) {
        ObjectNode session = NODES.objectNode();
        session.put("type", "realtime");
        session.put("instructions", update.instructions());
        session.putArray("output_modalities").add(update.outputModality().wireName());
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.set("format", pcmFormat());
        input.putObject("noise_reduction").put("type", "near_field");
        input.putObject("transcription").put("model", RealtimeTools.TRANSCRIPTION_MODEL);
        input.putObject("turn_detection")
                .put("type", "server_vad")
                .put("interrupt_response", true)
                .put("create_response", true)
                .put("silence_duration_ms", 500);
        ObjectNode output = audio.putObject("output");
        output.set("format", pcmFormat());
        output.put("voice", update.voice());
        session.putArray("tools").add(backgroundAgentTool()).add(remainSilentTool());
        session.put("tool_choice", "auto");
        return session;
    }

    private static ObjectNode transcription() {
        ObjectNode session = NODES.objectNode();
        session.put("type", "transcription");
        ObjectNode input = session.putObject("audio").putObject("input");
        input.set("format", pcmFormat());
        input.putObject("transcription").put("model", RealtimeTools.TRANSCRIPTION_MODEL);
        return session;
    }

    private static ObjectNode backgroundAgentTool() {
        ObjectNode tool = function(RealtimeTools.BACKGROUND_AGENT, RealtimeTools.BACKGROUND_AGENT_DESCRIPTION);
        ObjectNode parameters = tool.putObject("parameters");
        parameters.put("type", "object");
        parameters.putObject("properties").putObject("prompt")
                .put("type", "string")
                .put("description", RealtimeTools.BACKGROUND_AGENT_PROMPT_DESCRIPTION);
        parameters.putArray("required").add("prompt");
        parameters.put("additionalProperties", false);
        return tool;
    }

    private static ObjectNode remainSilentTool() {
        ObjectNode tool = function(RealtimeTools.REMAIN_SILENT, RealtimeTools.REMAIN_SILENT_DESCRIPTION);
        ObjectNode parameters = tool.putObject("parameters");
        parameters.put("type", "object");
        parameters.putObject("properties");
        parameters.put("additionalProperties", false);
        return tool;
    }

    private static ObjectNode function(String name, String description) {
        ObjectNode tool = NODES.objectNode();
        tool.put("type", "function");
        tool.put("name", name);
        tool.put("description", description);
        return tool;
    }

    private static ObjectNode pcmFormat() {
        return NODES.objectNode().put("type", "audio/pcm").put("rate", SAMPLE_RATE);
    }
}
