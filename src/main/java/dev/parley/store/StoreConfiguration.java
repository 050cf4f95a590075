package dev.parley.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.parley.config.StoreProperties;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.TurnError;
import dev.parley.realtime.timeline.InMemoryRealtimeTimelineStore;
import dev.parley.realtime.timeline.RealtimeTimelineRecovery;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.thread.InMemoryThreadStore;
import dev.parley.thread.ShutdownPhases;
import dev.parley.thread.StoreFlush;
import dev.parley.thread.ThreadStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the store chosen by {@code parley.store.type}, and only its beans: {@code memory} needs no data
 * source at all; {@code sqlite} and {@code postgres} each build their own (Boot's data source and Flyway
 * auto-configuration are excluded in {@code ParleyApplication}, so nothing else opens a database).
 *
 * <p>A database store starts in this order: take the store (SQLite: lock the file), check it is a Parley
 * store this build can read, migrate it, register this process ({@link StoreInstance}), record the turns
 * left running by a process that is gone as interrupted, then serve. Any refusal is a {@link StoreStartupException}.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** The error of a turn that was running when the process ended. */
    public static final TurnError RESTARTED =
            new TurnError("turn interrupted: the server restarted", CodexErrorInfo.OTHER, null);

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /**
     * A migrated database, ready for the writer; {@code name} is the file or the URL without credentials;
     * {@code shared} when several Parley processes may use it at once (PostgreSQL).
     */
    public record StoreDataSource(String name, DataSource dataSource, boolean shared) {
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(MemoryStore.class)
    static class Memory {

        @Bean
        ThreadStore threadStore() {
            return new InMemoryThreadStore();
        }

        @Bean
        RealtimeTimelineStore realtimeTimelineStore() {
            return new InMemoryRealtimeTimelineStore();
        }

        @Bean
        HealthIndicator storeHealthIndicator() {
            return () -> Health.up().withDetail("type", "memory").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(SqliteStore.class)
    static class Sqlite {

        @Bean(destroyMethod = "close")
        SqliteStoreFile sqliteStoreFile(StoreProperties properties) {
            return SqliteStoreFile.open(properties.effectivePath(), new StoreSchema(StoreSchema.Vendor.SQLITE));
        }

        @Bean(destroyMethod = "close")
        HikariDataSource parleyStoreDataSource(SqliteStoreFile file) {
            HikariDataSource pool = new HikariDataSource();
            pool.setPoolName("parley-store");
            pool.setDataSource(file.dataSource());
            // readers share the file with the one writer (WAL); a few connections are plenty
            pool.setMaximumPoolSize(4);
            return pool;
        }

        @Bean
        StoreDataSource storeDataSource(SqliteStoreFile file, HikariDataSource parleyStoreDataSource) {
            new StoreSchema(StoreSchema.Vendor.SQLITE).migrate(parleyStoreDataSource);
            return new StoreDataSource(file.file().toString(), parleyStoreDataSource, false);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(PostgresStore.class)
    static class Postgres {

        @Bean
        @ConfigurationProperties("spring.datasource")
        DataSourceProperties dataSourceProperties() {
            return new DataSourceProperties();
        }

        /** Boot's Hikari pool, tuned by {@code spring.datasource.hikari.*}. */
        @Bean(destroyMethod = "close")
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource parleyStoreDataSource(DataSourceProperties properties) {
            HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("parley-store");
            // a stopped server is reported within seconds, not after Hikari's default 30 s
            pool.setConnectionTimeout(5_000);
            return pool;
        }

        @Bean
        StoreDataSource storeDataSource(DataSourceProperties properties, HikariDataSource parleyStoreDataSource) {
            String url = properties.determineUrl();
            String name = StoreUrls.withoutCredentials(url);
            // one direct connection: an unreachable server fails start-up at once, naming the URL
            SimpleDriverDataSource direct = new SimpleDriverDataSource();
            direct.setUrl(url);
            direct.setUsername(properties.determineUsername());
            direct.setPassword(properties.determinePassword());
            try {
                direct.setDriverClass(Class.forName(properties.determineDriverClassName()).asSubclass(java.sql.Driver.class));
            } catch (ClassNotFoundException e) {
                throw new StoreStartupException("no JDBC driver for " + name, "Use a jdbc:postgresql:// URL.");
            }
            StoreSchema schema = new StoreSchema(StoreSchema.Vendor.POSTGRESQL);
            try (Connection connection = direct.getConnection()) {
                schema.check(connection, name);
            } catch (SQLException e) {
                throw new StoreStartupException("cannot reach PostgreSQL at " + name + ": " + StoreFailures.reason(e),
                        "Start PostgreSQL or fix spring.datasource.url / username / password "
                                + "(or set parley.store.type=sqlite).");
            }
            schema.migrate(direct);
            return new StoreDataSource(name, parleyStoreDataSource, true);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(DatabaseStore.class)
    static class Database {

        /** This process among those sharing the store; removed at shutdown after the writer has flushed. */
        @Bean(destroyMethod = "close")
        StoreInstance storeInstance(StoreDataSource store, StoreProperties properties, Clock clock) {
            StoreInstance instance = new StoreInstance(store.name(), JdbcClient.create(store.dataSource()), clock,
                    properties.instanceLease(), RESTARTED);
            instance.register();
            return instance;
        }

        // depends on the instance so that it closes (flushing the turns interrupted at shutdown) before the
        // instance is removed
        @Bean(destroyMethod = "close")
        @DependsOn("storeInstance")
        StoreWriter storeWriter(StoreDataSource store, StoreProperties properties) {
            DataSource dataSource = store.dataSource();
            return new StoreWriter(store.name(), JdbcClient.create(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    jdbc -> jdbc.sql("UPDATE parley_store SET heartbeat = heartbeat + 1 WHERE id = 1").update(),
                    properties.writeQueueCapacity(), properties.writeBatchSize(), properties.retryInterval());
        }

        /** The voice timeline in the same database, written through the same writer ({@code 09} §5). */
        @Bean
        RealtimeTimelineStore realtimeTimelineStore(StoreDataSource store, StoreWriter writer, StoreInstance instance,
                JsonMapper json, Clock clock) {
            JdbcRealtimeTimelineStore timeline = new JdbcRealtimeTimelineStore(JdbcClient.create(store.dataSource()),
                    writer, json, instance.id(), clock);
            if (store.shared()) {
                // start-up recovery runs for every store (TimelineConfiguration); on a shared database a peer
                // may die later, so each sweep also closes the conversations of processes whose lease expired
                RealtimeTimelineRecovery recovery = new RealtimeTimelineRecovery(timeline, clock);
                instance.afterSweep(recovery::recover);
            }
            return timeline;
        }

        @Bean
        JdbcThreadStore threadStore(StoreDataSource store, StoreWriter writer, StoreInstance instance,
                JsonMapper json, Clock clock) {
            JdbcThreadStore threads = new JdbcThreadStore(JdbcClient.create(store.dataSource()), writer,
                    new StoreCodec(json), instance.id());
            int interrupted = recoverTurnsAtStartup(store.shared(), instance, threads, clock);
            if (store.shared()) {
                instance.startLeasing();
            }
            if (interrupted > 0) {
                log.warn("store {}: {} turns were running when Parley last stopped; recorded as interrupted",
                        store.name(), interrupted);
            }
            log.info("store {} is ready (instance {})", store.name(), instance.id());
            return threads;
        }

        /**
         * The turns left running by processes that are gone, recorded interrupted before anything is served;
         * returns how many.
         */
        static int recoverTurnsAtStartup(boolean shared, StoreInstance instance, JdbcThreadStore threads, Clock clock) {
            if (shared) {
                // other processes may be running turns right now: only abandoned turns are interrupted
                return instance.recoverAtStartup();
            }
            // the file lock proves no other process runs: every running turn was abandoned
            int interrupted = threads.interruptRunningTurns(RESTARTED, clock.millis() / 1000);
            instance.forgetOthers();
            return interrupted;
        }

        /**
         * The store's step of a graceful shutdown ({@link ShutdownPhases#STORE_FLUSH}): once every conversation,
         * turn and connection has ended, the writer commits what is still queued, within the phase timeout (what
         * it cannot write is counted in the log when it closes).
         */
        @Bean
        StoreFlush storeFlush(StoreDataSource store, StoreWriter writer) {
            return timeout -> {
                Thread flushing = Thread.ofVirtual().name("store-flush").start(writer::flush);
                if (!flushing.join(timeout)) {
                    log.warn("store {}: queued writes not flushed within {} at shutdown", store.name(), timeout);
                }
            };
        }

        /** In the readiness group: DOWN while the store cannot be written. */
        @Bean
        HealthIndicator storeHealthIndicator(StoreWriter writer) {
            return () -> {
                StoreWriter.Health health = writer.check();
                return health.up() ? Health.up().build()
                        : Health.down().withDetail("reason", String.valueOf(health.reason())).build();
            };
        }
    }

    private static StoreProperties.Type type(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("parley.store.type", StoreProperties.Type.class)
                .orElse(StoreProperties.Type.SQLITE);
    }

    static final class MemoryStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return type(context) == StoreProperties.Type.MEMORY;
        }
    }

    static final class SqliteStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return type(context) == StoreProperties.Type.SQLITE;
        }
    }

    static final class PostgresStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return type(context) == StoreProperties.Type.POSTGRES;
        }
    }

    static final class DatabaseStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return type(context) != StoreProperties.Type.MEMORY;
        }
    }
}
