package dev.parley.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Parley keeps threads and turns ({@code parley.store.*}).
 *
 * @param type {@code sqlite} (default: one file, nothing to install), {@code postgres} (through
 *     {@code spring.datasource.url}/{@code username}/{@code password}; the production choice) or {@code memory}
 *     (nothing survives the process)
 * @param path the SQLite file; {@code ${user.home}/.parley/parley.db} when not set
 * @param writeQueueCapacity history writes (agent items, a turn's end) the write-behind queue keeps while the
 *     store is slow or unavailable; past it new ones are dropped and counted
 * @param writeBatchSize most writes committed in one transaction
 * @param retryInterval how often an unavailable store is tried again
 * @param instanceLease {@code postgres}: how long a process counts as alive after its last lease renewal
 *     (renewed every third of it); the running turns of a process silent for longer are recorded interrupted
 *     by the others (checked every lease interval)
 */
@ConfigurationProperties("parley.store")
public record StoreProperties(
        @DefaultValue("sqlite") Type type,
        @Nullable Path path,
        @DefaultValue("10000") int writeQueueCapacity,
        @DefaultValue("256") int writeBatchSize,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("30s") Duration instanceLease) {

    /** The store backends. */
    public enum Type { SQLITE, POSTGRES, MEMORY }

    public StoreProperties {
        if (writeQueueCapacity < 1 || writeBatchSize < 1) {
            throw new IllegalArgumentException("parley.store.write-queue-capacity and write-batch-size must be positive");
        }
        if (instanceLease.toMillis() < 3) {
            throw new IllegalArgumentException("parley.store.instance-lease must be at least 3ms");
        }
    }

    /** The SQLite file: {@code path}, or {@code ${user.home}/.parley/parley.db}. */
    public Path effectivePath() {
        return (path != null ? path : Path.of(System.getProperty("user.home"), ".parley", "parley.db"))
                .toAbsolutePath().normalize();
    }
}
