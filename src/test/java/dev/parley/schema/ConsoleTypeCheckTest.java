package dev.parley.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Type-checks the voice console's scripts ({@code src/main/resources/static/js}, JSDoc-typed) against the
 * committed {@code schema/typescript} declarations with {@code tsc --checkJs}, so a protocol change that
 * breaks the console fails the build. Same compiler lookup and skip rule as {@link TypeScriptCompileTest}.
 */
class ConsoleTypeCheckTest {

    private static final long TIMEOUT_SECONDS = 180;
    private static final Path TSCONFIG = Path.of("src", "main", "console", "tsconfig.json");

    @Test
    void consoleScriptsTypeCheckAgainstTheGeneratedProtocol() throws Exception {
        assumeFalse(Boolean.getBoolean("parley.skipTsc"), "console type check skipped (-Dparley.skipTsc=true)");
        Optional<String> tsc = TypeScriptCompileTest.locateTsc();
        assumeTrue(tsc.isPresent(), "tsc not found; console type check skipped");

        Path log = Files.createTempFile("parley-console-tsc", ".log");
        try {
            Process process = new ProcessBuilder(tsc.get(), "-p", TSCONFIG.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("tsc did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> tsc.get() + " -p " + TSCONFIG + " failed:\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
