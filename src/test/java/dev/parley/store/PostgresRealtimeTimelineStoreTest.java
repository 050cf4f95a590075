package dev.parley.store;

import java.time.Clock;
import dev.parley.testsupport.EmbeddedPostgresServer;

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
        return new Stores(current.threads(), current.timeline(Clock.systemUTC()));
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
