package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema commands of {@code 06} §9.1: usage, exit codes, the replacement rule. */
class SchemaCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void handlesOnlyTheSchemaCommands() {
        assertThat(SchemaCli.handles(new String[] {"generate-schema"})).isTrue();
        assertThat(SchemaCli.handles(new String[] {"generate-ts", "--out", "x"})).isTrue();
        assertThat(SchemaCli.handles(new String[] {"generate-json-schema"})).isTrue();
        assertThat(SchemaCli.handles(new String[] {})).isFalse();
        assertThat(SchemaCli.handles(new String[] {"--server.port=0"})).isFalse();
    }

    @Test
    void generateSchemaWritesBothTreesAndLeavesTheRestOfTheFolderAlone() throws IOException {
        Files.writeString(dir.resolve("package.json"), "{}\n");
        Files.createDirectories(dir.resolve("node_modules/typescript"));

        int code = run("generate-schema", "--out", dir.toString());

        assertThat(code).isZero();
        assertThat(text(out)).isEqualTo("wrote 57 files to " + dir.resolve("json") + "\n"
                + "wrote 106 files to " + dir.resolve("typescript") + "\n");
        assertThat(text(err)).isEmpty();
        assertThat(countFiles(dir.resolve("json"))).isEqualTo(57);
        assertThat(countFiles(dir.resolve("typescript"))).isEqualTo(106);
        assertThat(dir.resolve("package.json")).hasContent("{}");
        assertThat(dir.resolve("node_modules/typescript")).isDirectory();
        assertThat(Files.readString(dir.resolve("json/RequestId.json")))
                .isEqualTo(SchemaAcceptanceTest.example("json/RequestId.json"));
    }

    @Test
    void aPreviousExportIsReplacedCompletelySoRenamedTypesDisappear() throws IOException {
        assertThat(run("generate-ts", "--out", dir.toString())).isZero();
        Path stale = dir.resolve("v2/ThreadRealtimeFooParams.ts");
        Files.writeString(stale, "export type ThreadRealtimeFooParams = string;\n");

        assertThat(run("generate-ts", "--out=" + dir)).isZero();

        assertThat(stale).doesNotExist();
        assertThat(countFiles(dir)).isEqualTo(106);
    }

    @Test
    void aJsonExportIsRecognisedByItsBundle() throws IOException {
        Files.writeString(dir.resolve(JsonSchemaEmitter.BUNDLE_FILE), "{}\n");
        Files.writeString(dir.resolve("Stale.json"), "{}\n");

        assertThat(run("generate-json-schema", "--out", dir.toString())).isZero();

        assertThat(dir.resolve("Stale.json")).doesNotExist();
        assertThat(text(out)).isEqualTo("wrote 57 files to " + dir + "\n");
    }

    @Test
    void refusesToOverwriteAFolderThatIsNotAnExport() throws IOException {
        Path notes = dir.resolve("typescript/notes.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "mine\n");

        int code = run("generate-schema", "--out", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(text(err)).isEqualTo("refusing to overwrite " + dir.resolve("typescript")
                + ": not a Parley schema export\n");
        assertThat(notes).hasContent("mine");
        // The json tree is checked and refused together with typescript: nothing is half-written.
        assertThat(dir.resolve("json")).doesNotExist();
    }

    @Test
    void missingOrUnknownArgumentsPrintUsageAndExitTwo() {
        for (String[] args : new String[][] {
                {"generate-schema"}, {"generate-ts", "--out"}, {"generate-json-schema", "--dir", "x"},
                {"generate-schema", "--out", "x", "--force"}}) {
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(text(err)).isEqualTo(SchemaCli.USAGE_TEXT);
        }
        assertThat(text(out)).isEmpty();
    }

    @Test
    void anIoErrorPrintsOneLineAndExitsOne() throws IOException {
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");

        int code = run("generate-ts", "--out", file.resolve("sub").toString());

        assertThat(code).isEqualTo(1);
        assertThat(text(err)).startsWith("schema export failed: ").endsWith("\n");
        assertThat(text(err).lines()).hasSize(1);
    }

    private int run(String... args) {
        return SchemaCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static long countFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
