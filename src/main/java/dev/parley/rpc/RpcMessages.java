package dev.parley.rpc;

import dev.parley.protocol.ProtocolRegistry.NotificationMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes outbound JSON-RPC "lite" messages: never a {@code jsonrpc} member, ids echoed with their JSON
 * type, {@code emittedAtMs} on every notification.
 */
public final class RpcMessages {

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

    public String notification(NotificationMethod<?> method, @Nullable Object params, long emittedAtMs) {
        StringBuilder out = new StringBuilder(256).append("{\"method\":")
                .append(json.writeValueAsString(method.method()));
        if (params != null) {
            out.append(",\"params\":").append(json.writeValueAsString(params));
        }
        return out.append(",\"emittedAtMs\":").append(emittedAtMs).append('}').toString();
    }
}
