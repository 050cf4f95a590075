package dev.parley.schema;

import dev.parley.schema.NamedType.ExternalUnionType;
import dev.parley.schema.NamedType.MethodUnionType;
import dev.parley.schema.NamedType.TaggedUnionType;
import dev.parley.schema.SchemaModel.JsonRoot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fails generation when one JSON document would carry a title twice: two union variants (or their
 * discriminators) with one generated title, or a variant titled like the file's own type. Code generators
 * name types after titles, so a collision would silently merge two types. A variant may share its title
 * with a definition name: {@code ErrorNotification} is both, as in Codex, and definitions carry no title.
 */
final class TitleCheck {

    private TitleCheck() {
    }

    static void verify(SchemaModel model) {
        List<String> bundle = new ArrayList<>(List.of(JsonSchemaEmitter.BUNDLE_TITLE));
        model.types().values().stream().filter(NamedType::inJsonSchema)
                .forEach(type -> bundle.addAll(generatedTitles(type)));
        requireUnique(JsonSchemaEmitter.BUNDLE_FILE, bundle);
        for (JsonRoot root : model.jsonRoots()) {
            List<String> titles = new ArrayList<>(List.of(root.typeName()));
            titles.addAll(generatedTitles(model.type(root.typeName())));
            model.reachableFrom(root.typeName()).stream().map(model::type).filter(NamedType::inJsonSchema)
                    .forEach(type -> titles.addAll(generatedTitles(type)));
            requireUnique(root.path(), titles);
        }
    }

    private static List<String> generatedTitles(NamedType type) {
        List<String> titles = new ArrayList<>();
        switch (type) {
            case TaggedUnionType union -> union.variants().forEach(v -> titles.addAll(List.of(v.title(), v.tagTitle())));
            case ExternalUnionType union -> union.variants().forEach(v -> titles.add(v.title()));
            case MethodUnionType union -> union.variants().forEach(v -> titles.addAll(List.of(v.title(), v.methodTitle())));
            default -> { }
        }
        return titles;
    }

    private static void requireUnique(String file, Collection<String> titles) {
        Set<String> seen = new HashSet<>();
        for (String title : titles) {
            if (!seen.add(title)) {
                throw new IllegalStateException("title collision in " + file + ": " + title);
            }
        }
    }
}
