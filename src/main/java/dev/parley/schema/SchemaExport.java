package dev.parley.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The protocol export as files: generates the {@code json/} and {@code typescript/} trees in memory and
 * writes them with the replacement rule of {@code 06} §9.1. The CLI and the drift test both use it, so
 * what the test compares is exactly what the CLI writes.
 */
public final class SchemaExport {

    public static final String JSON_DIR = "json";
    public static final String TYPESCRIPT_DIR = "typescript";

    private final SchemaModel model;

    private SchemaExport(SchemaModel model) {
        this.model = model;
    }

    /** The export of Parley's protocol registry. */
    public static SchemaExport parley() {
        return new SchemaExport(TypeModelBuilder.build(ProtocolSurface.parley()));
    }

    /** The {@code json/} tree: relative path (with {@code /}) to content. */
    public Map<String, String> jsonFiles() {
        return new JsonSchemaEmitter(model).emit();
    }

    /** The {@code typescript/} tree: relative path (with {@code /}) to content. */
    public Map<String, String> typeScriptFiles() {
        return new TypeScriptEmitter(model).emit();
    }

    /** Both trees, with paths prefixed {@code json/} and {@code typescript/}. */
    public Map<String, String> allFiles() {
        Map<String, String> files = new TreeMap<>();
        jsonFiles().forEach((path, content) -> files.put(JSON_DIR + "/" + path, content));
        typeScriptFiles().forEach((path, content) -> files.put(TYPESCRIPT_DIR + "/" + path, content));
        return files;
    }

    /**
     * Replaces each target directory with its tree. Every target must be missing, empty or a previous
     * export; all are checked before any is touched, so a refusal leaves all of them as they were.
     *
     * @return the number of files written per target, in the order of {@code trees}
     */
    public static Map<Path, Integer> replaceTrees(Map<Path, Map<String, String>> trees) throws IOException {
        for (Path dir : trees.keySet()) {
            requireReplaceable(dir);
        }
        Map<Path, Integer> written = new LinkedHashMap<>();
        for (Map.Entry<Path, Map<String, String>> tree : trees.entrySet()) {
            deleteTree(tree.getKey());
            for (Map.Entry<String, String> file : tree.getValue().entrySet()) {
                Path target = tree.getKey().resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            written.put(tree.getKey(), tree.getValue().size());
        }
        return written;
    }

    /** The trees {@code generate-schema} writes: {@code dir/json} and {@code dir/typescript}. */
    public Map<Path, Map<String, String>> schemaTrees(Path dir) {
        Map<Path, Map<String, String>> trees = new LinkedHashMap<>();
        trees.put(dir.resolve(JSON_DIR), jsonFiles());
        trees.put(dir.resolve(TYPESCRIPT_DIR), typeScriptFiles());
        return trees;
    }

    /**
     * Throws {@link NotAnExportException} unless {@code dir} is missing, an empty directory, or a previous
     * export: a {@code json/} tree (it has the bundle) or a {@code typescript/} tree (both index files).
     */
    static void requireReplaceable(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            boolean jsonExport = Files.isRegularFile(dir.resolve(JsonSchemaEmitter.BUNDLE_FILE));
            boolean typeScriptExport = Files.isRegularFile(dir.resolve("index.ts"))
                    && Files.isRegularFile(dir.resolve("v2/index.ts"));
            if (empty || jsonExport || typeScriptExport) {
                return;
            }
        }
        throw new NotAnExportException(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            if (!path.equals(dir)) {
                Files.delete(path);
            }
        }
    }

    /** The target of an export holds something that is not a previous export. */
    public static final class NotAnExportException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAnExportException(Path dir) {
            super("refusing to overwrite " + dir + ": not a Parley schema export");
        }
    }
}
