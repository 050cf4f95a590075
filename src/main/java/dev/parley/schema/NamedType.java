package dev.parley.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A type with a name of its own: one TypeScript file, and one JSON Schema definition unless it is
 * TypeScript-only ({@link JsonValueType}, {@link IntersectionType}).
 */
sealed interface NamedType {

    String name();

    Location location();

    /** The type-level description ({@code @JsonClassDescription}), if any. */
    default @Nullable String description() {
        return null;
    }

    /** Whether the type has a JSON Schema definition; the TypeScript-only types have none. */
    default boolean inJsonSchema() {
        return !(this instanceof JsonValueType || this instanceof IntersectionType);
    }

    /** The folder of the TypeScript file, decided by the Java package. */
    enum Location {
        ROOT(""), V2("v2"), SERDE_JSON("serde_json");

        private final String folder;

        Location(String folder) {
            this.folder = folder;
        }

        String folder() {
            return folder;
        }
    }

    /** A record. */
    record ObjectType(String name, Location location, @Nullable String description, List<Field> fields)
            implements NamedType {
        public ObjectType {
            fields = List.copyOf(fields);
        }
    }

    /** An enum, with its wire values in declaration order. */
    record EnumType(String name, Location location, @Nullable String description, List<String> values)
            implements NamedType {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    /** A sealed interface tagged by a property ({@code "type"}) merged into each variant object. */
    record TaggedUnionType(String name, Location location, @Nullable String description, String tagProperty,
            List<TaggedVariant> variants) implements NamedType {
        public TaggedUnionType {
            variants = List.copyOf(variants);
        }
    }

    record TaggedVariant(String tag, String title, List<Field> fields) {
        public TaggedVariant {
            fields = List.copyOf(fields);
        }

        /** The title of the variant's discriminator property. */
        String tagTitle() {
            return title + "Type";
        }
    }

    /** An externally tagged union: an object with exactly one key, the variant, holding the payload. */
    record ExternalUnionType(String name, Location location, @Nullable String description,
            List<ExternalVariant> variants) implements NamedType {
        public ExternalUnionType {
            variants = List.copyOf(variants);
        }
    }

    record ExternalVariant(String key, String title, TypeRef payload) {
    }

    /**
     * A JSON-RPC message union tagged by {@code method}. {@code envelopeFields} sit next to {@code method}
     * in every variant ({@code emittedAtMs}); only the JSON Schema writes them, at the union's root.
     */
    record MethodUnionType(String name, Location location, MessageKind kind, List<MethodVariant> variants,
            List<Field> envelopeFields) implements NamedType {
        public MethodUnionType {
            variants = List.copyOf(variants);
            envelopeFields = List.copyOf(envelopeFields);
        }
    }

    enum MessageKind { REQUEST, NOTIFICATION }

    /** One method; {@code params} names the params type, or is {@code null} for a method without params. */
    record MethodVariant(String method, String title, @Nullable String params) {

        /** The title of the variant's {@code method} property. */
        String methodTitle() {
            return title + "Method";
        }
    }

    /** A union of plain alternatives without tags ({@code RequestId}: string or integer). */
    record AlternativesType(String name, Location location, List<TypeRef> alternatives) implements NamedType {
        public AlternativesType {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** TypeScript's name for any JSON value ({@code serde_json/JsonValue}, the Codex path). */
    record JsonValueType() implements NamedType {
        static final String NAME = "JsonValue";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Location location() {
            return Location.SERDE_JSON;
        }
    }

    /** TypeScript-only {@code { fields } & Base}: the notification as received, with its envelope fields. */
    record IntersectionType(String name, Location location, List<Field> fields, String base) implements NamedType {
        public IntersectionType {
            fields = List.copyOf(fields);
        }
    }
}
