package dev.parley.store;

import dev.parley.protocol.WireJson;
import dev.parley.testsupport.EmbeddedPostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The timeline contract on a real PostgreSQL server started by the test (embedded binaries, no Docker). */
class PostgresRealtimeTimelineStoreTest extends RealtimeTimelineStoreContract {

    private String url;
    private OpenStore current;

    @Override
    protected Stores open() {
        url = EmbeddedPostgresServer.shared().createDatabase();
        return connect();
    }

    private Stores connect() {
        current = OpenStore.postgres(url, "postgres", "");
        return new Stores(current.threads(), new JdbcRealtimeTimelineStore(JdbcClient.create(current.pool()),
                current.writer(), WireJson.mapper()));
    }

    @Override
    protected Stores reopen() {
        current.close();
        return connect();
    }

    @Override
    protected void close() {
        current.close();
    }
}
