package dev.parley.store;

import dev.parley.testsupport.EmbeddedPostgresServer;
import dev.parley.thread.ThreadStore;

/** The store contract on a real PostgreSQL 14 server started by the test (embedded binaries, no Docker). */
class PostgresThreadStoreTest extends ThreadStoreContract {

    private String url;
    private OpenStore current;

    @Override
    protected ThreadStore open() {
        url = EmbeddedPostgresServer.shared().createDatabase();
        return connect();
    }

    private ThreadStore connect() {
        current = OpenStore.postgres(url, "postgres", "");
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
