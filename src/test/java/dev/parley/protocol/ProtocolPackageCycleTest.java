package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code protocol.v2} builds on the shared wire types of {@code protocol}, never the other way round, so the two
 * packages do not import each other (the registry of v2 methods lives in {@code protocol.v2}).
 */
class ProtocolPackageCycleTest {

    @Test
    void theSharedProtocolPackageImportsNothingOfV2() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/parley/protocol"))) {
            List<String> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains("dev.parley.protocol.v2."))
                    .map(file -> file.getFileName().toString()).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
