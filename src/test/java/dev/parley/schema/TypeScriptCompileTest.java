package dev.parley.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compiles the committed {@code schema/typescript} tree with {@code tsc} ({@code 06} §10.3). Skipped,
 * not failed, where no compiler is installed, so the build needs no Node.
 */
class TypeScriptCompileTest {

    private static final long TIMEOUT_SECONDS = 180;
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final String TSC = WINDOWS ? "tsc.cmd" : "tsc";

    @Test
    void generatedTypeScriptCompiles() throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("parley.skipTsc"), "TypeScript compile check skipped (-Dparley.skipTsc=true)");
        Optional<String> tsc = locateTsc();
        assumeTrue(tsc.isPresent(), "tsc not found; TypeScript compile check skipped");

        Path log = Files.createTempFile("parley-tsc", ".log");
        try {
            Process process = new ProcessBuilder(tsc.get(), "-p", Path.of("schema", "tsconfig.json").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("tsc did not finish within " + TIMEOUT_SECONDS + " s:\n" + read(log));
            }
            String output = read(log);
            assertEquals(0, process.exitValue(), () -> tsc.get() + " -p schema/tsconfig.json failed:\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** {@code PARLEY_TSC}, then the pinned compiler of {@code schema/node_modules}, then {@code tsc} on the PATH. */
    static Optional<String> locateTsc() {
        String configured = System.getenv("PARLEY_TSC");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        Path pinned = Path.of("schema", "node_modules", ".bin", TSC);
        if (Files.isExecutable(pinned)) {
            return Optional.of(pinned.toString());
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, TSC))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
