package dev.parley.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code schema/json} and {@code schema/typescript} must equal what the code generates
 * ({@code 06} §10.1). With {@code -Dparley.schema.update=true} it rewrites them instead of comparing.
 */
class SchemaDriftTest {

    /** Resolved against the Maven basedir, which surefire uses as working directory. */
    private static final Path SCHEMA = Path.of("schema");

    @Test
    void committedSchemaEqualsGeneratedSchema() throws IOException {
        SchemaExport export = SchemaExport.parley();
        if (Boolean.getBoolean("parley.schema.update")) {
            SchemaExport.replaceTrees(export.schemaTrees(SCHEMA));
            return;
        }
        SchemaDriftReport report = SchemaDriftReport.compare(committedFiles(), export.allFiles());
        if (!report.upToDate()) {
            fail(report.message());
        }
    }

    private static Map<String, String> committedFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String tree : List.of(SchemaExport.JSON_DIR, SchemaExport.TYPESCRIPT_DIR)) {
            Path root = SCHEMA.resolve(tree);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = SCHEMA.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
