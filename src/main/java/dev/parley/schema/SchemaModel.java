package dev.parley.schema;

import dev.parley.schema.NamedType.AlternativesType;
import dev.parley.schema.NamedType.EnumType;
import dev.parley.schema.NamedType.ExternalUnionType;
import dev.parley.schema.NamedType.IntersectionType;
import dev.parley.schema.NamedType.JsonValueType;
import dev.parley.schema.NamedType.MessageKind;
import dev.parley.schema.NamedType.MethodUnionType;
import dev.parley.schema.NamedType.ObjectType;
import dev.parley.schema.NamedType.TaggedUnionType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intermediate model both emitters walk: every exported named type, which of them get a JSON root
 * file (and where), and which are input-only.
 *
 * @param types every named type by name
 * @param jsonRoots the types with a JSON root file, in the layout of {@code 06} §2
 * @param inputOnly the types no server-sent message can contain; only there does TypeScript write {@code ?}
 */
record SchemaModel(Map<String, NamedType> types, List<JsonRoot> jsonRoots, Set<String> inputOnly) {

    SchemaModel {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        jsonRoots = List.copyOf(jsonRoots);
        inputOnly = Set.copyOf(inputOnly);
    }

    /** A JSON root file: {@code <folder>/<typeName>.json}, or {@code <typeName>.json} for the empty folder. */
    record JsonRoot(String folder, String typeName) {
        String path() {
            return folder.isEmpty() ? typeName + ".json" : folder + "/" + typeName + ".json";
        }
    }

    NamedType type(String name) {
        NamedType type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown type " + name);
        }
        return type;
    }

    boolean isInputOnly(NamedType type) {
        return inputOnly.contains(type.name());
    }

    /** Every named type reachable from {@code start}'s own references; {@code start} only if it is recursive. */
    Set<String> reachableFrom(String start) {
        return reachable(types, references(type(start)));
    }

    static Set<String> reachable(Map<String, NamedType> types, Collection<String> starts) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(starts);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (seen.add(name)) {
                queue.addAll(references(types.get(name)));
            }
        }
        return seen;
    }

    /** The named types that {@code type} mentions directly. */
    static Set<String> references(NamedType type) {
        Set<String> refs = new LinkedHashSet<>();
        switch (type) {
            case ObjectType object -> addAll(refs, object.fields());
            case EnumType ignored -> { }
            case TaggedUnionType union -> union.variants().forEach(v -> addAll(refs, v.fields()));
            case ExternalUnionType union -> union.variants().forEach(v -> add(refs, v.payload()));
            case MethodUnionType union -> {
                if (union.kind() == MessageKind.REQUEST) {
                    refs.add(TypeModelBuilder.REQUEST_ID);
                }
                union.variants().stream().filter(v -> v.params() != null).forEach(v -> refs.add(v.params()));
                addAll(refs, union.envelopeFields());
            }
            case AlternativesType alternatives -> alternatives.alternatives().forEach(t -> add(refs, t));
            case JsonValueType ignored -> { }
            case IntersectionType intersection -> {
                addAll(refs, intersection.fields());
                refs.add(intersection.base());
            }
        }
        return refs;
    }

    private static void addAll(Set<String> refs, List<Field> fields) {
        fields.forEach(field -> add(refs, field.type()));
    }

    private static void add(Set<String> refs, TypeRef type) {
        switch (type) {
            case TypeRef.Named named -> refs.add(named.name());
            case TypeRef.ArrayOf array -> add(refs, array.items());
            case TypeRef.MapOf map -> add(refs, map.values());
            case TypeRef.InlineObject inline -> addAll(refs, inline.fields());
            // TypeScript names any JSON; the JSON Schema writes it inline as true.
            case TypeRef.AnyJson ignored -> refs.add(JsonValueType.NAME);
            case TypeRef.Scalar ignored -> { }
        }
    }
}
