package dev.parley.store;

import dev.parley.protocol.WireJson;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The timeline contract on a SQLite file in a temporary folder, closed and reopened for the restart case. */
class SqliteRealtimeTimelineStoreTest extends RealtimeTimelineStoreContract {

    @TempDir
    Path dir;

    private OpenStore current;

    @Override
    protected Stores open() {
        current = OpenStore.sqlite(dir.resolve("parley.db"));
        return new Stores(current.threads(), new JdbcRealtimeTimelineStore(JdbcClient.create(current.pool()),
                current.writer(), WireJson.mapper()));
    }

    @Override
    protected Stores reopen() {
        current.close();
        return open();
    }

    @Override
    protected void close() {
        current.close();
    }
}
