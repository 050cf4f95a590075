package dev.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file of a store, held for the life of the process: an exclusive lock on a sidecar
 * {@code <file>.lock} keeps a second Parley off the same file (the OS drops the lock when the process dies),
 * and the file is checked with a read-only, immutable connection before anything may write to it.
 */
public final class SqliteStoreFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteStoreFile.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SqliteStoreFile(Path file, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the file for this process: creates its folder, locks the sidecar, checks the file.
     *
     * @throws StoreStartupException in use by another Parley, not a Parley store, a newer schema, not usable
     */
    public static SqliteStoreFile open(Path file, StoreSchema schema) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreStartupException("cannot create the folder of the store " + file + ": " + e,
                    "Set parley.store.path to a writable location.");
        }
        if (Files.isDirectory(file)) {
            throw new StoreStartupException(file + " is a folder, not a Parley store", "Set parley.store.path to a file.");
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreStartupException("cannot open the lock file " + lockFile + ": " + e,
                    "Set parley.store.path to a writable location.");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreStartupException("cannot lock " + lockFile + ": " + e,
                    "Set parley.store.path to a local, writable location.");
        }
        if (lock == null) {
            String holder = readHolder(lockFile);
            closeQuietly(channel);
            throw new StoreStartupException("the store " + file + " is in use by another Parley process" + holder
                    + "; a SQLite store serves one process at a time",
                    "Stop the other Parley, or give this one its own parley.store.path (or use PostgreSQL).");
        }
        SqliteStoreFile held = new SqliteStoreFile(file, channel, lock);
        try {
            held.writeHolder();
            held.check(schema);
            return held;
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** The file's data source for reads and the writer: WAL journal, foreign keys, full sync on commit. */
    public SQLiteDataSource dataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk when it returns, so an answered request survives a power cut too
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    public Path file() {
        return file;
    }

    private void check(StoreSchema schema) {
        long size;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
            if (size > 0) {
                byte[] header = new byte[SQLITE_HEADER.length];
                int read;
                try (InputStream in = Files.newInputStream(file)) {
                    read = in.readNBytes(header, 0, header.length);
                }
                if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
                    throw new StoreStartupException(file + " is not a Parley store (not a SQLite database); "
                            + "Parley left it untouched",
                            "Point parley.store.path at a Parley store or at a new file.");
                }
            }
        } catch (IOException e) {
            throw new StoreStartupException("cannot read the store " + file + ": " + e,
                    "Check the file's permissions, or set parley.store.path.");
        }
        if (size == 0) {
            return;
        }
        // immutable: SQLite neither locks nor writes the file, nor creates -wal/-shm files, for this check
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1")) {
            schema.check(connection, file.toString());
        } catch (SQLException e) {
            throw new StoreStartupException(file + " is not a Parley store (" + StoreFailures.reason(e)
                    + "); Parley left it untouched", "Point parley.store.path at a Parley store or at a new file.");
        }
    }

    private void writeHolder() {
        try {
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap(
                    ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            log.debug("could not record the holder in the lock file of {}", file, e);
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            String content = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return content.startsWith("pid ") ? " (" + content + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock; the lock file stays (deleting it would race with a starting process). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            log.debug("releasing the lock of {}", file, e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
