package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes a {@link RealtimeEvent} in its externally tagged wire form, driven by {@link RealtimeEventVariant}. */
public final class RealtimeEventSerializer extends ValueSerializer<RealtimeEvent> {

    @Override
    public void serialize(RealtimeEvent event, JsonGenerator gen, SerializationContext ctxt) {
        RealtimeEventVariant variant = RealtimeEventVariant.of(event);
        gen.writeStartObject();
        gen.writeName(variant.key());
        RecordComponent[] components = event.getClass().getRecordComponents();
        switch (variant.payloadKind()) {
            case NAMED, STRING, ANY_JSON -> ctxt.writeValue(gen, read(components[0], event));
            case INLINE -> {
                gen.writeStartObject();
                for (RecordComponent component : components) {
                    gen.writeName(jsonName(component));
                    ctxt.writeValue(gen, read(component, event));
                }
                gen.writeEndObject();
            }
        }
        gen.writeEndObject();
    }

    static String jsonName(RecordComponent component) {
        // @JsonProperty does not target record components; javac propagates it to the accessor.
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
