package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Field access shared by both parsers: absent and wrongly typed fields read as "missing". */
final class UpstreamJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private UpstreamJson() {
    }

    /** The message as an object with a string {@code type}, or empty. */
    static Optional<JsonNode> typedObject(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            return Optional.empty();
        }
        return Optional.of(node);
    }

    static @Nullable String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The first of the fields that holds a string. */
    static @Nullable String firstString(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = string(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A non-negative integer that fits the Java {@code int} used by the payload records, else {@code null}. */
    static @Nullable Integer unsigned(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            return null;
        }
        int number = value.intValue();
        return number >= 0 ? number : null;
    }

    static @Nullable Integer firstUnsigned(JsonNode node, String... fields) {
        for (String field : fields) {
            Integer value = unsigned(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** An object-valued field, or {@code null}. */
    static @Nullable JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    static Optional<RealtimeEvent> sessionUpdated(JsonNode message) {
        JsonNode session = object(message, "session");
        if (session == null) {
            return Optional.empty();
        }
        String id = string(session, "id");
        return id == null ? Optional.empty()
                : Optional.of(new RealtimeEvent.SessionUpdated(id, string(session, "instructions")));
    }

    /** {@code error}: top-level message, else {@code error.message}, else the compact JSON of {@code error}. */
    static Optional<RealtimeEvent> error(JsonNode message) {
        String text = string(message, "message");
        JsonNode error = message.get("error");
        if (text == null && error != null) {
            text = error.isObject() && error.path("message").isString()
                    ? error.get("message").stringValue()
                    : MAPPER.writeValueAsString(error);
        }
        return Optional.ofNullable(text).map(RealtimeEvent.Error::new);
    }

    static Optional<RealtimeEvent> field(JsonNode message, String field,
            Function<String, RealtimeEvent> constructor) {
        return Optional.ofNullable(string(message, field)).map(constructor);
    }
}
