package dev.parley.store;

import dev.parley.thread.ThreadStore;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The store contract on PostgreSQL in Docker, where a Docker engine exists (skipped without one; the same
 * contract always runs on the embedded server, {@link PostgresThreadStoreTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerThreadStoreTest extends ThreadStoreContract {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    private OpenStore current;

    @Override
    protected ThreadStore open() {
        try (var connection = java.sql.DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword()); var statement = connection.createStatement()) {
            // each test starts from an empty schema
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return connect();
    }

    private ThreadStore connect() {
        current = OpenStore.postgres(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
        return current.threads();
    }

    @Override
    protected ThreadStore reopen() {
        current.close();
        return connect();
    }

    @Override
    protected void close() {
        current.close();
    }
}
