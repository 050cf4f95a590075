package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.ParleyApplication;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stores Parley must not use: it refuses to start with one report naming the file or the URL (never a
 * password), and leaves the file byte for byte as it was.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreStartupRefusalTest {

    @TempDir
    Path dir;

    static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(ParleyApplication.class).run(all.toArray(String[]::new));
    }

    private static StoreStartupException refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StoreStartupException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up refused by the store").isInstanceOf(StoreStartupException.class);
        return (StoreStartupException) cause;
    }

    private void assertUntouched(Path file, byte[] before) throws Exception {
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no journal beside it").noneMatch(name -> name.endsWith("-wal") || name.endsWith("-shm")
                            || name.endsWith("-journal"));
        }
    }

    @Test
    void aFileThatIsNotADatabase(CapturedOutput output) throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "my notes, not a database\n");
        byte[] before = Files.readAllBytes(file);

        StoreStartupException refused = refusal(catchThrowable(
                () -> start("--parley.store.type=sqlite", "--parley.store.path=" + file)));

        assertThat(refused.getMessage()).isEqualTo(file + " is not a Parley store (not a SQLite database); "
                + "Parley left it untouched");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains(refused.getMessage());
        assertUntouched(file, before);
    }

    @Test
    void aSqliteDatabaseOfSomeoneElse() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE recipes (name TEXT)");
            statement.execute("INSERT INTO recipes VALUES ('bread')");
        }
        byte[] before = Files.readAllBytes(file);

        StoreStartupException refused = refusal(catchThrowable(
                () -> start("--parley.store.type=sqlite", "--parley.store.path=" + file)));

        assertThat(refused.getMessage()).isEqualTo(file + " is not a Parley store (it holds other tables: recipes); "
                + "Parley left it untouched");
        assertUntouched(file, before);
    }

    @Test
    void aStoreWithANewerSchema() throws Exception {
        Path file = dir.resolve("parley.db");
        try (OpenStore store = OpenStore.sqlite(file)) {
            store.writer().execute(null, jdbc -> jdbc.sql("""
                    INSERT INTO parley_schema_history (installed_rank, version, description, type, script, checksum,
                        installed_by, execution_time, success)
                    VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 0, 1)""")
                    .update());
        }
        // the WAL is checkpointed into the file when the last connection closes
        byte[] before = Files.readAllBytes(file);

        StoreStartupException refused = refusal(catchThrowable(
                () -> start("--parley.store.type=sqlite", "--parley.store.path=" + file)));

        assertThat(refused.getMessage()).isEqualTo(file + " has schema version 99, newer than this Parley knows ("
                + new StoreSchema(StoreSchema.Vendor.SQLITE).latestKnown() + "); Parley left it untouched");
        assertUntouched(file, before);
    }

    @Test
    void aSecondParleyOnTheSameFileIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path file = dir.resolve("shared.db");
        try (ConfigurableApplicationContext first = start("--parley.store.type=sqlite",
                "--parley.store.path=" + file)) {
            StoreStartupException refused = refusal(catchThrowable(
                    () -> start("--parley.store.type=sqlite", "--parley.store.path=" + file)));
            assertThat(refused.getMessage()).startsWith("the store " + file + " is in use by another Parley process")
                    .endsWith("; a SQLite store serves one process at a time");

            String port = first.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/threads")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as("the first one still serves").isEqualTo(201);
        }
    }

    @Test
    void anUnreachablePostgresIsNamedWithoutItsPassword(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/parley?password=urlsecret&connectTimeout=5";

        StoreStartupException refused = refusal(catchThrowable(() -> start("--parley.store.type=postgres",
                "--spring.datasource.url=" + url, "--spring.datasource.username=parley",
                "--spring.datasource.password=hunter2")));

        assertThat(refused.getMessage()).startsWith("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:"
                + closedPort + "/parley?password=***&connectTimeout=5: ");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains(refused.getMessage()).doesNotContain("hunter2").doesNotContain("urlsecret");
    }
}
