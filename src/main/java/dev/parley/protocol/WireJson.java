package dev.parley.protocol;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper configuration of the wire: unknown input fields ignored, every declared field written
 * (absent values as explicit {@code null}), empty records written as {@code {}}.
 */
public final class WireJson {

    private static final JsonMapper MAPPER = builder().build();

    private WireJson() {
    }

    /** A builder with the wire settings, for callers that add their own. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The shared, thread-safe wire mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
