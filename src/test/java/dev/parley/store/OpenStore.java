package dev.parley.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.protocol.WireJson;
import dev.parley.realtime.timeline.RealtimeTimelineRecovery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database store opened the way {@link StoreConfiguration} opens it, without Spring: for the contract tests
 * that open, close and reopen stores.
 */
record OpenStore(JdbcThreadStore threads, StoreWriter writer, StoreInstance instance, HikariDataSource pool,
        @Nullable SqliteStoreFile file)
        implements AutoCloseable {

    static final Duration RETRY = Duration.ofMillis(200);
    static final Duration LEASE = Duration.ofSeconds(30);

    /** Opens (creating or migrating) the SQLite store at {@code file}. */
    static OpenStore sqlite(Path file) {
        return sqlite(file, 10_000);
    }

    /** Opens the SQLite store at {@code file} with a write-behind buffer of {@code capacity}. */
    static OpenStore sqlite(Path file, int capacity) {
        SqliteStoreFile held = SqliteStoreFile.open(file, new StoreSchema(StoreSchema.Vendor.SQLITE));
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(held.dataSource());
        pool.setMaximumPoolSize(4);
        new StoreSchema(StoreSchema.Vendor.SQLITE).migrate(pool);
        return open(file.toString(), pool, held, capacity, Clock.systemUTC(), LEASE, false);
    }

    /** Opens (creating or migrating) the PostgreSQL store at {@code url}. */
    static OpenStore postgres(String url, String user, String password) {
        return postgres(url, user, password, 10_000);
    }

    /** Opens the PostgreSQL store at {@code url} with a write-behind buffer of {@code capacity}. */
    static OpenStore postgres(String url, String user, String password, int capacity) {
        return postgres(url, user, password, capacity, Clock.systemUTC(), LEASE, true);
    }

    /**
     * Opens the PostgreSQL store at {@code url} as one process among several: {@code clock} and {@code lease}
     * for its instance; {@code leasing} starts the periodic renewal and sweep (as {@link StoreConfiguration}
     * does), otherwise the test calls {@link StoreInstance#renew} and {@link StoreInstance#sweep} itself.
     */
    static OpenStore postgres(String url, String user, String password, int capacity, Clock clock, Duration lease,
            boolean leasing) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setConnectionTimeout(2_000);
        new StoreSchema(StoreSchema.Vendor.POSTGRESQL).migrate(pool);
        return open(StoreUrls.withoutCredentials(url), pool, null, capacity, clock, lease, leasing);
    }

    private static OpenStore open(String name, HikariDataSource pool, @Nullable SqliteStoreFile file, int capacity,
            Clock clock, Duration lease, boolean leasing) {
        StoreInstance instance = new StoreInstance(name, JdbcClient.create(pool), clock, lease,
                StoreConfiguration.RESTARTED);
        instance.register();
        StoreWriter writer = writer(name, pool, capacity);
        JdbcThreadStore threads = new JdbcThreadStore(JdbcClient.create(pool), writer, new StoreCodec(WireJson.mapper()),
                instance.id());
        StoreConfiguration.Database.recoverTurnsAtStartup(file == null, instance, threads, clock);
        if (file == null && leasing) {
            instance.startLeasing();
        }
        return new OpenStore(threads, writer, instance, pool, file);
    }

    /** The voice timeline over this store, as this process ({@link #instance}) with leases read on {@code clock}. */
    JdbcRealtimeTimelineStore timeline(Clock clock) {
        return new JdbcRealtimeTimelineStore(JdbcClient.create(pool), writer, WireJson.mapper(), instance.id(), clock);
    }

    /** {@link #timeline}, with its recovery after each sweep of this process, as StoreConfiguration wires it. */
    JdbcRealtimeTimelineStore sweptTimeline(Clock clock) {
        JdbcRealtimeTimelineStore timeline = timeline(clock);
        instance.afterSweep(new RealtimeTimelineRecovery(timeline, clock)::recover);
        return timeline;
    }

    static StoreWriter writer(String name, DataSource dataSource, int capacity) {
        return new StoreWriter(name, JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                jdbc -> jdbc.sql("UPDATE parley_store SET heartbeat = heartbeat + 1 WHERE id = 1").update(),
                capacity, 256, RETRY);
    }

    @Override
    public void close() {
        writer.close();
        instance.close();
        pool.close();
        if (file != null) {
            file.close();
        }
    }
}
