package dev.parley.realtime.upstream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Extracts the user's words from the JSON-encoded arguments of a {@code background_agent} call ({@code 03} §9.4). */
public final class HandoffArguments {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String[] KEYS = {"input_transcript", "input", "text", "prompt", "query"};

    private HandoffArguments() {
    }

    /**
     * The trimmed value of the first key (by priority) holding a non-blank string; the raw arguments when
     * they are not a JSON object or no key qualifies; {@code ""} when there are no arguments.
     */
    public static String inputTranscript(@Nullable String arguments) {
        if (arguments == null) {
            return "";
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(arguments);
        } catch (JacksonException e) {
            return arguments;
        }
        if (parsed != null && parsed.isObject()) {
            for (String key : KEYS) {
                String value = UpstreamJson.string(parsed, key);
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
        }
        return arguments;
    }
}
