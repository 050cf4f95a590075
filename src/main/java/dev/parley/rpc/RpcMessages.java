package dev.parley.rpc;

import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ThreadRealtimeOutputAudioDeltaNotification;
import java.io.StringWriter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes outbound JSON-RPC "lite" messages: never a {@code jsonrpc} member, ids echoed with their JSON
 * type, {@code emittedAtMs} on every notification.
 */
public final class RpcMessages {

    /** Room for a 20 ms audio frame notification (1,280 base64 characters plus the envelope) without growing. */
    private static final int NOTIFICATION_BUFFER_CHARS = 2048;

    private final JsonMapper json;

    public RpcMessages(JsonMapper json) {
        this.json = json;
    }

    public String response(JsonNode id, Object result) {
        return "{\"id\":" + json.writeValueAsString(id) + ",\"result\":" + json.writeValueAsString(result) + "}";
    }

    public String error(@Nullable JsonNode id, int code, String message, @Nullable Object data) {
        ObjectNode error = json.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", json.valueToTree(data));
        }
        return "{\"id\":" + (id == null ? "null" : json.writeValueAsString(id)) + ",\"error\":"
                + json.writeValueAsString(error) + "}";
    }

    /**
     * Output audio, a notification per model audio frame, is assembled directly ({@link AudioNotificationJson}).
     * Everything else takes one pass through one buffer: the params are not serialised to a string of their own
     * first and then copied into the envelope.
     */
    public String notification(NotificationMethod<?> method, @Nullable Object params, long emittedAtMs) {
        if (params instanceof ThreadRealtimeOutputAudioDeltaNotification audio) {
            String assembled = AudioNotificationJson.write(method.method(), audio, emittedAtMs);
            if (assembled != null) {
                return assembled;
            }
        }
        StringWriter out = new StringWriter(NOTIFICATION_BUFFER_CHARS);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("method", method.method());
            if (params != null) {
                generator.writeName("params");
                json.writeValue(generator, params);
            }
            generator.writeNumberProperty("emittedAtMs", emittedAtMs);
            generator.writeEndObject();
        }
        return out.toString();
    }
}
