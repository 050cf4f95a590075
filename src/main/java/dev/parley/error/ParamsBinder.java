package dev.parley.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.parley.protocol.Defaulted;
import dev.parley.protocol.v2.UserInput;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Binds JSON-RPC {@code params} (or a REST body) to a protocol record. It first walks the JSON against the record's
 * components so that every problem becomes one {@code Invalid params: <detail>} line naming the field
 * path (no Java class names, no stack traces), then lets Jackson build the record.
 */
public final class ParamsBinder {

    private final JsonMapper json;

    public ParamsBinder(JsonMapper json) {
        this.json = json;
    }

    /** Binds; omitted or {@code null} params count as {@code {}}. */
    public <P extends Record> P bind(@Nullable JsonNode params, Class<P> type) {
        JsonNode node = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
        if (!node.isObject()) {
            throw ApiException.invalidParams("params must be an object");
        }
        checkRecord(node, type, "");
        try {
            return json.treeToValue(node, type);
        } catch (JacksonException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiException.invalidParams("invalid value for " + (path.isEmpty() ? "params" : path));
        }
    }

    /** What binding needs of one record component, read by reflection once per record type. */
    private record Component(String jsonName, boolean optional, Type type) {
    }

    /** The audio path binds every frame: reflection and enum lookups happen once per type, not per call. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(jsonName(c), isOptional(c), c.getGenericType())).toList();
        }
    };

    private static final ClassValue<List<String>> ENUM_WIRE_NAMES = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            return enumWireNames(type);
        }
    };

    private void checkRecord(JsonNode node, Class<?> type, String prefix) {
        for (Component component : COMPONENTS.get(type)) {
            JsonNode value = node.get(component.jsonName());
            if (value == null || value.isNull()) {
                if (!component.optional()) {
                    throw ApiException.invalidParams("missing required field " + prefix + component.jsonName());
                }
                continue;
            }
            checkValue(value, component.type(), prefix + component.jsonName());
        }
    }

    private void checkValue(JsonNode value, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            expect(value.isString(), path, "string");
        } else if (raw == int.class || raw == Integer.class) {
            expect(value.isIntegralNumber() && value.canConvertToInt(), path, "integer");
        } else if (raw == long.class || raw == Long.class) {
            expect(value.isIntegralNumber() && value.canConvertToLong(), path, "integer");
        } else if (raw == boolean.class || raw == Boolean.class) {
            expect(value.isBoolean(), path, "boolean");
        } else if (raw == Optional.class) {
            checkValue(value, typeArgument(type), path);
        } else if (raw.isEnum()) {
            List<String> names = ENUM_WIRE_NAMES.get(raw);
            if (!value.isString() || !names.contains(value.asString())) {
                throw ApiException.invalidParams("invalid value for " + path + ": expected one of " + String.join(", ", names));
            }
        } else if (List.class.isAssignableFrom(raw)) {
            expect(value.isArray(), path, "array");
            Type element = typeArgument(type);
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String itemPath = path + "[" + i + "]";
                if (item.isNull()) {
                    throw ApiException.invalidParams("invalid value for " + itemPath + ": expected " + kind(element));
                }
                checkValue(item, element, itemPath);
            }
        } else if (JsonNode.class.isAssignableFrom(raw)) {
            // any JSON
        } else if (raw.isSealed() && raw.isAnnotationPresent(JsonSubTypes.class)) {
            checkTaggedUnion(value, raw, path);
        } else if (raw.isRecord()) {
            expect(value.isObject(), path, "object");
            checkRecord(value, raw, path + ".");
        }
    }

    private void checkTaggedUnion(JsonNode value, Class<?> union, String path) {
        expect(value.isObject(), path, "object");
        JsonNode tag = value.get("type");
        if (tag == null || tag.isNull()) {
            throw ApiException.invalidParams("missing required field " + path + ".type");
        }
        JsonSubTypes.Type[] variants = union.getAnnotation(JsonSubTypes.class).value();
        for (JsonSubTypes.Type variant : variants) {
            if (tag.isString() && variant.name().equals(tag.asString())) {
                checkRecord(value, variant.value(), path + ".");
                return;
            }
        }
        if (union == UserInput.class) {
            throw ApiException.invalidParams("unsupported input type: " + (tag.isString() ? tag.asString() : tag.toString()));
        }
        throw ApiException.invalidParams("invalid value for " + path + ".type: expected one of "
                + Arrays.stream(variants).map(JsonSubTypes.Type::name).collect(Collectors.joining(", ")));
    }

    private static void expect(boolean ok, String path, String kind) {
        if (!ok) {
            throw ApiException.invalidParams("invalid value for " + path + ": expected " + kind);
        }
    }

    private static String kind(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == String.class || raw.isEnum()) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        return List.class.isAssignableFrom(raw) ? "array" : "object";
    }

    private static boolean isOptional(RecordComponent component) {
        return component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                || component.getAccessor().isAnnotationPresent(Defaulted.class);
    }

    static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static List<String> enumWireNames(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                JsonProperty property = enumType.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class);
                return property != null ? property.value() : ((Enum<?>) constant).name();
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }
}
