package dev.parley.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The timeline contract on a SQLite file in a temporary folder, closed and reopened for the restart case. */
class SqliteRealtimeTimelineStoreTest extends RealtimeTimelineStoreContract {

    @TempDir
    Path dir;

    private OpenStore current;

    @Override
    protected Stores open() {
        current = OpenStore.sqlite(dir.resolve("parley.db"));
        return new Stores(current.threads(), current.timeline(Clock.systemUTC()));
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
