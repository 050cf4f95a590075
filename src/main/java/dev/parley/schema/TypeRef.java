package dev.parley.schema;

import java.util.List;

/** A type at a use site (a field, a list element, a union payload), as both emitters see it. */
sealed interface TypeRef {

    /** The wire scalars; integers keep their width because the JSON Schema writes it as {@code format}. */
    enum ScalarKind { STRING, BOOLEAN, INT32, INT64, UINT16, UINT32 }

    record Scalar(ScalarKind kind) implements TypeRef {
    }

    record ArrayOf(TypeRef items) implements TypeRef {
    }

    /** A JSON object with string keys and values of one type ({@code Map<String, V>}). */
    record MapOf(TypeRef values) implements TypeRef {
    }

    /** Any JSON value: {@code true} in JSON Schema, {@code JsonValue} in TypeScript. */
    record AnyJson() implements TypeRef {
    }

    /** A reference to a {@link NamedType} by its name. */
    record Named(String name) implements TypeRef {
    }

    /** An anonymous object, used only for the inline {@code RealtimeEvent} payloads. */
    record InlineObject(List<Field> fields) implements TypeRef {
        public InlineObject {
            fields = List.copyOf(fields);
        }
    }
}
