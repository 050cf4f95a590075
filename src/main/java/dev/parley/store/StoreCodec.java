package dev.parley.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How values are stored: enums by their wire names (what clients see, stable across Java renames), user
 * input as the JSON array the client sent (every {@link UserInput} variant, {@code text_elements} verbatim).
 */
public final class StoreCodec {

    private static final TypeReference<List<UserInput>> CONTENT = new TypeReference<>() {
    };
    private static final Map<String, TurnStatus> TURN_STATUSES = byWireName(TurnStatus.values());
    private static final Map<String, CodexErrorInfo> ERROR_INFOS = byWireName(CodexErrorInfo.values());

    private final JsonMapper json;

    public StoreCodec(JsonMapper json) {
        this.json = json;
    }

    String writeContent(List<UserInput> content) {
        return json.writerFor(CONTENT).writeValueAsString(content);
    }

    List<UserInput> readContent(String content) {
        return json.readValue(content, CONTENT);
    }

    /** A turn error's {@code codexErrorInfo} as stored (its wire name), or {@code null}. */
    static @Nullable String errorInfo(@Nullable TurnError error) {
        return error == null || error.codexErrorInfo() == null ? null : wireName(error.codexErrorInfo());
    }

    /** The enum constant's {@code @JsonProperty} name, as on the wire. */
    public static String wireName(Enum<?> value) {
        try {
            JsonProperty property = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : value.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static TurnStatus turnStatus(String wireName) {
        return lookup(TURN_STATUSES, wireName, "turn status");
    }

    static CodexErrorInfo codexErrorInfo(String wireName) {
        return lookup(ERROR_INFOS, wireName, "codexErrorInfo");
    }

    private static <E> E lookup(Map<String, E> values, String wireName, String what) {
        E value = values.get(wireName);
        if (value == null) {
            throw new IllegalStateException("unknown " + what + " in the store: " + wireName);
        }
        return value;
    }

    private static <E extends Enum<E>> Map<String, E> byWireName(E[] values) {
        return Arrays.stream(values).collect(Collectors.toUnmodifiableMap(StoreCodec::wireName, Function.identity()));
    }
}
