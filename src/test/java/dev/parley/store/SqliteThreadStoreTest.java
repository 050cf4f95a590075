package dev.parley.store;

import dev.parley.thread.ThreadStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteThreadStoreTest extends ThreadStoreContract {

    @TempDir
    Path dir;

    private OpenStore current;

    @Override
    protected ThreadStore open() {
        current = OpenStore.sqlite(dir.resolve("nested/folder/parley.db"));
        return current.threads();
    }

    @Override
    protected ThreadStore reopen() {
        current.close();
        return open();
    }

    @Override
    protected void close() {
        current.close();
    }
}
