package dev.parley.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads a {@link RealtimeEvent} from its externally tagged wire form (exactly one known key). */
public final class RealtimeEventDeserializer extends ValueDeserializer<RealtimeEvent> {

    @Override
    public RealtimeEvent deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject() || node.size() != 1) {
            return ctxt.reportInputMismatch(RealtimeEvent.class,
                    "RealtimeEvent must be an object with exactly one variant key");
        }
        Map.Entry<String, JsonNode> entry = node.properties().iterator().next();
        RealtimeEventVariant variant = RealtimeEventVariant.byKey(entry.getKey()).orElse(null);
        if (variant == null) {
            return ctxt.reportInputMismatch(RealtimeEvent.class, "unknown RealtimeEvent variant: " + entry.getKey());
        }
        JsonNode payload = entry.getValue();
        Class<? extends RealtimeEvent> type = variant.type();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        switch (variant.payloadKind()) {
            case NAMED -> args[0] = ctxt.readTreeAsValue(payload, variant.payloadType());
            case STRING -> {
                if (!payload.isString()) {
                    return ctxt.reportInputMismatch(RealtimeEvent.class, variant.key() + " payload must be a string");
                }
                args[0] = payload.asString();
            }
            case ANY_JSON -> args[0] = payload;
            case INLINE -> {
                if (!payload.isObject()) {
                    return ctxt.reportInputMismatch(RealtimeEvent.class, variant.key() + " payload must be an object");
                }
                for (int i = 0; i < components.length; i++) {
                    JsonNode value = payload.get(RealtimeEventSerializer.jsonName(components[i]));
                    args[i] = value == null || value.isNull() ? null : ctxt.readTreeAsValue(value, components[i].getType());
                }
            }
        }
        return construct(type, components, args);
    }

    private static RealtimeEvent construct(Class<? extends RealtimeEvent> type, RecordComponent[] components,
            Object[] args) {
        try {
            Constructor<? extends RealtimeEvent> constructor =
                    type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            return constructor.newInstance(args);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }
}
