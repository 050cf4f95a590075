package dev.parley.protocol;

import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an {@code Optional<String>} field with three states: a missing property stays Java {@code null},
 * JSON {@code null} becomes {@link Optional#empty()}, and a string becomes {@code Optional.of(text)}.
 */
public final class TriStateStringDeserializer extends ValueDeserializer<Optional<String>> {

    @Override
    public Optional<String> deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return ctxt.reportInputMismatch(String.class, "expected a string");
        }
        return Optional.of(p.getString());
    }

    @Override
    public Optional<String> getNullValue(DeserializationContext ctxt) {
        return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return null;
    }
}
