package dev.parley.schema;

import dev.parley.schema.Field.Presence;
import dev.parley.schema.NamedType.AlternativesType;
import dev.parley.schema.NamedType.EnumType;
import dev.parley.schema.NamedType.ExternalUnionType;
import dev.parley.schema.NamedType.ExternalVariant;
import dev.parley.schema.NamedType.IntersectionType;
import dev.parley.schema.NamedType.JsonValueType;
import dev.parley.schema.NamedType.MessageKind;
import dev.parley.schema.NamedType.MethodUnionType;
import dev.parley.schema.NamedType.MethodVariant;
import dev.parley.schema.NamedType.ObjectType;
import dev.parley.schema.NamedType.TaggedUnionType;
import dev.parley.schema.NamedType.TaggedVariant;
import dev.parley.schema.SchemaModel.JsonRoot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emits the {@code json/} tree of {@code 06} §4: one draft-07 root file per {@link JsonRoot}, each with the
 * named types it reaches as flat {@code definitions}, plus the bundle of every definition.
 */
final class JsonSchemaEmitter {

    static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    static final String BUNDLE_FILE = "parley_app_server_protocol.schemas.json";
    static final String BUNDLE_TITLE = "ParleyAppServerProtocol";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaModel model;

    JsonSchemaEmitter(SchemaModel model) {
        this.model = model;
    }

    /** The {@code json/} tree: path relative to {@code json/} (with {@code /}) to file content. */
    Map<String, String> emit() {
        Map<String, String> files = new TreeMap<>();
        for (JsonRoot root : model.jsonRoots()) {
            files.put(root.path(), PrettyJson.write(rootFile(root.typeName())));
        }
        files.put(BUNDLE_FILE, PrettyJson.write(bundle()));
        return files;
    }

    ObjectNode rootFile(String typeName) {
        ObjectNode root = definition(model.type(typeName));
        root.put("$schema", DRAFT_07);
        Set<String> reachable = model.reachableFrom(typeName);
        ObjectNode definitions = definitions(reachable.stream().filter(n -> model.type(n).inJsonSchema()).toList());
        if (!definitions.isEmpty()) {
            root.set("definitions", definitions);
        }
        root.put("title", typeName);
        return root;
    }

    ObjectNode bundle() {
        ObjectNode bundle = NODES.objectNode();
        bundle.put("$schema", DRAFT_07);
        bundle.set("definitions", definitions(model.types().values().stream()
                .filter(NamedType::inJsonSchema).map(NamedType::name).toList()));
        bundle.put("title", BUNDLE_TITLE);
        bundle.put("type", "object");
        return bundle;
    }

    private ObjectNode definitions(List<String> names) {
        ObjectNode definitions = NODES.objectNode();
        names.forEach(name -> definitions.set(name, definition(model.type(name))));
        return definitions;
    }

    /** A type's schema as it appears in {@code definitions}: no {@code title}, no {@code $schema}. */
    ObjectNode definition(NamedType type) {
        ObjectNode schema = switch (type) {
            case ObjectType object -> objectSchema(object.fields(), Map.of());
            case EnumType enumType -> {
                ObjectNode node = NODES.objectNode();
                ArrayNode values = node.putArray("enum");
                enumType.values().forEach(values::add);
                node.put("type", "string");
                yield node;
            }
            case TaggedUnionType union -> oneOf(union.variants().stream()
                    .map(variant -> taggedVariant(union.tagProperty(), variant)).toList());
            case ExternalUnionType union -> oneOf(union.variants().stream().map(this::externalVariant).toList());
            case MethodUnionType union -> methodUnion(union);
            case AlternativesType alternatives -> {
                ObjectNode node = NODES.objectNode();
                ArrayNode anyOf = node.putArray("anyOf");
                alternatives.alternatives().forEach(t -> anyOf.add(schema(t)));
                yield node;
            }
            case JsonValueType ignored -> throw typeScriptOnly(type);
            case IntersectionType ignored -> throw typeScriptOnly(type);
        };
        if (type.description() != null) {
            schema.put("description", type.description());
        }
        return schema;
    }

    private static IllegalArgumentException typeScriptOnly(NamedType type) {
        return new IllegalArgumentException(type.name() + " is TypeScript-only");
    }

    private ObjectNode methodUnion(MethodUnionType union) {
        ObjectNode node = oneOf(union.variants().stream().map(v -> methodVariant(union.kind(), v)).toList());
        if (!union.envelopeFields().isEmpty()) {
            ObjectNode envelope = objectSchema(union.envelopeFields(), Map.of());
            envelope.remove("type");
            node.setAll(envelope);
        }
        return node;
    }

    private ObjectNode methodVariant(MessageKind kind, MethodVariant variant) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        if (kind == MessageKind.REQUEST) {
            members.put("id", ref(TypeModelBuilder.REQUEST_ID));
        }
        members.put("method", discriminator(variant.method(), variant.methodTitle()));
        if (variant.params() != null) {
            members.put("params", ref(variant.params()));
        }
        ObjectNode node = objectSchema(List.of(), members);
        node.put("title", variant.title());
        return node;
    }

    private ObjectNode taggedVariant(String tagProperty, TaggedVariant variant) {
        ObjectNode node = objectSchema(variant.fields(),
                Map.of(tagProperty, discriminator(variant.tag(), variant.tagTitle())));
        node.put("title", variant.title());
        return node;
    }

    private ObjectNode externalVariant(ExternalVariant variant) {
        ObjectNode node = NODES.objectNode();
        node.put("additionalProperties", false);
        node.putObject("properties").set(variant.key(), schema(variant.payload()));
        node.putArray("required").add(variant.key());
        node.put("title", variant.title());
        node.put("type", "object");
        return node;
    }

    private static ObjectNode discriminator(String value, String title) {
        ObjectNode node = NODES.objectNode();
        node.putArray("enum").add(value);
        node.put("title", title);
        node.put("type", "string");
        return node;
    }

    private static ObjectNode oneOf(List<ObjectNode> variants) {
        ObjectNode node = NODES.objectNode();
        node.putArray("oneOf").addAll(variants);
        return node;
    }

    /**
     * An object schema of {@code fields} plus required {@code extraRequired} members (discriminators, ids);
     * empty {@code properties} and {@code required} are left out.
     */
    private ObjectNode objectSchema(List<Field> fields, Map<String, JsonNode> extraRequired) {
        ObjectNode properties = NODES.objectNode();
        Set<String> required = new TreeSet<>();
        for (Field field : fields) {
            properties.set(field.name(), fieldSchema(field));
            if (field.presence() == Presence.REQUIRED) {
                required.add(field.name());
            }
        }
        extraRequired.forEach((name, schema) -> {
            properties.set(name, schema);
            required.add(name);
        });
        ObjectNode node = NODES.objectNode();
        if (!properties.isEmpty()) {
            node.set("properties", properties);
        }
        if (!required.isEmpty()) {
            ArrayNode array = node.putArray("required");
            required.forEach(array::add);
        }
        node.put("type", "object");
        return node;
    }

    private JsonNode fieldSchema(Field field) {
        JsonNode schema = field.presence() == Presence.NULLABLE ? nullable(field.type()) : schema(field.type());
        return describe(schema, field.description());
    }

    /** Adds a description; {@code $ref} takes no siblings in draft-07, so a reference is wrapped in {@code allOf}. */
    private static JsonNode describe(JsonNode schema, @Nullable String description) {
        if (description == null) {
            return schema;
        }
        ObjectNode described;
        if (schema.isBoolean()) {
            described = NODES.objectNode();
        } else if (schema.has("$ref")) {
            described = NODES.objectNode();
            described.putArray("allOf").add(schema);
        } else {
            described = (ObjectNode) schema;
        }
        described.put("description", description);
        return described;
    }

    private JsonNode schema(TypeRef type) {
        return switch (type) {
            case TypeRef.Scalar scalar -> scalar(scalar.kind());
            case TypeRef.ArrayOf array -> {
                ObjectNode node = NODES.objectNode();
                node.set("items", schema(array.items()));
                node.put("type", "array");
                yield node;
            }
            case TypeRef.MapOf map -> {
                ObjectNode node = NODES.objectNode();
                node.set("additionalProperties", schema(map.values()));
                node.put("type", "object");
                yield node;
            }
            case TypeRef.AnyJson ignored -> NODES.booleanNode(true);
            case TypeRef.Named named -> ref(named.name());
            case TypeRef.InlineObject inline -> objectSchema(inline.fields(), Map.of());
        };
    }

    /** The nullable form of {@code 06} §5: a {@code "null"} type beside the plain one, or {@code anyOf} for references. */
    private JsonNode nullable(TypeRef type) {
        JsonNode plain = schema(type);
        if (type instanceof TypeRef.Named) {
            ObjectNode node = NODES.objectNode();
            ArrayNode anyOf = node.putArray("anyOf");
            anyOf.add(plain);
            anyOf.addObject().put("type", "null");
            return node;
        }
        if (plain instanceof ObjectNode object && object.get("type") != null && object.get("type").isString()) {
            String single = object.get("type").stringValue();
            object.putArray("type").add(single).add("null");
        }
        return plain;
    }

    private static ObjectNode scalar(TypeRef.ScalarKind kind) {
        ObjectNode node = NODES.objectNode();
        switch (kind) {
            case STRING -> node.put("type", "string");
            case BOOLEAN -> node.put("type", "boolean");
            case INT32 -> node.put("format", "int32").put("type", "integer");
            case INT64 -> node.put("format", "int64").put("type", "integer");
            case UINT16 -> node.put("format", "uint16").put("minimum", 0.0).put("type", "integer");
            case UINT32 -> node.put("format", "uint32").put("minimum", 0.0).put("type", "integer");
        }
        return node;
    }

    private static ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", "#/definitions/" + name);
    }
}
