package dev.parley.store;

import dev.parley.protocol.v2.TurnError;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This process as one of possibly several Parley processes on one database (table {@code parley_instances}).
 * Every turn it appends names it as owner ({@link #id()}); its row carries a lease that it renews while it
 * runs. A turn left {@code inProgress} is abandoned when its owner's lease has expired (the process died),
 * and only then may another process record it interrupted: starting a second process never cuts the turns of
 * a running one.
 *
 * <p>Lease times are epoch milliseconds of each process's {@link Clock}, so the hosts' clocks must agree
 * (NTP) to well within the lease. The periodic renewal and sweep ({@link #startLeasing}) write directly, not
 * through the {@link StoreWriter}, so a long write-behind queue cannot delay a renewal past the lease.
 */
public final class StoreInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreInstance.class);

    private final String id;
    private final String storeName;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lease;
    private final TurnError abandoned;
    private @Nullable ScheduledExecutorService leasing;
    private long nextSweepMillis;
    private final List<Runnable> afterSweep = new CopyOnWriteArrayList<>();
    private final AtomicBoolean afterSweepRunning = new AtomicBoolean();

    /**
     * @param abandoned the error recorded on the turns of an instance whose lease expired
     */
    public StoreInstance(String storeName, JdbcClient jdbc, Clock clock, Duration lease, TurnError abandoned) {
        this(UUID.randomUUID().toString(), storeName, jdbc, clock, lease, abandoned);
    }

    StoreInstance(String id, String storeName, JdbcClient jdbc, Clock clock, Duration lease, TurnError abandoned) {
        if (lease.toMillis() < 3) {
            throw new IllegalArgumentException("parley.store.instance-lease must be at least 3 ms (it is renewed every third of it)");
        }
        this.id = id;
        this.storeName = storeName;
        this.jdbc = jdbc;
        this.clock = clock;
        this.lease = lease;
        this.abandoned = abandoned;
    }

    /** The owner written on this process's turns. */
    public String id() {
        return id;
    }

    /** Records this process with a fresh lease; call once, before any turn is appended. */
    public void register() {
        long now = clock.millis();
        jdbc.sql("INSERT INTO parley_instances (id, started_at, lease_until) VALUES (:id, :now, :until)")
                .param("id", id).param("now", now).param("until", now + lease.toMillis()).update();
    }

    /**
     * Extends this process's lease. If another process had already found it expired (a pause longer than the
     * lease) and removed it, it registers again: the turns that process interrupted stay interrupted.
     */
    public void renew() {
        long now = clock.millis();
        int updated = jdbc.sql("UPDATE parley_instances SET lease_until = :until WHERE id = :id")
                .param("until", now + lease.toMillis()).param("id", id).update();
        if (updated == 0) {
            log.warn("store {}: the lease of this Parley ({}) had expired and was taken back by another process; "
                    + "its running turns may have been recorded as interrupted", storeName, id);
            register();
        }
    }

    /**
     * At start-up on a shared database (PostgreSQL): interrupts the running turns that no live process owns —
     * those without an owner (written before owners existed) and those of an instance whose lease expired.
     *
     * @return how many turns were interrupted
     */
    public int recoverAtStartup() {
        long now = clock.millis();
        int orphans = JdbcThreadStore.interruptTurns(jdbc, abandoned, now / 1000, "AND owner IS NULL", Map.of());
        return orphans + sweep();
    }

    /**
     * Interrupts the running turns of every other instance whose lease has expired (or that is gone), then
     * forgets those instances. Safe with several processes sweeping at once: each update is conditional on the
     * turn still running, so a turn is interrupted once; a thread reads {@code idle} afterwards.
     *
     * @return how many turns were interrupted
     */
    public int sweep() {
        long now = clock.millis();
        int interrupted = JdbcThreadStore.interruptTurns(jdbc, abandoned, now / 1000, """
                AND owner IS NOT NULL AND owner <> :self
                AND NOT EXISTS (SELECT 1 FROM parley_instances i WHERE i.id = parley_turns.owner AND i.lease_until >= :now)""",
                Map.of("self", id, "now", now));
        // conditional: an instance that renewed meanwhile is kept
        jdbc.sql("DELETE FROM parley_instances WHERE lease_until < :now AND id <> :self")
                .param("now", now).param("self", id).update();
        if (interrupted > 0) {
            log.warn("store {}: {} turns of Parley processes that stopped renewing their lease recorded as interrupted",
                    storeName, interrupted);
        }
        return interrupted;
    }

    /**
     * Runs {@code task} after every periodic sweep (other state of the processes whose lease expired, e.g. their
     * voice conversations), on its own thread so that a slow task can never delay a lease renewal; a sweep whose
     * previous tasks still run skips them. A task that fails is logged and tried again at the next sweep.
     */
    public void afterSweep(Runnable task) {
        afterSweep.add(task);
    }

    private void runAfterSweep() {
        if (afterSweep.isEmpty() || !afterSweepRunning.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("parley-store-after-sweep").start(() -> {
            try {
                for (Runnable task : afterSweep) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.debug("store {}: a task after the sweep failed; tried again at the next sweep", storeName, e);
                    }
                }
            } finally {
                afterSweepRunning.set(false);
            }
        });
    }

    /** On a file only this process can hold (SQLite): every other instance row is stale. */
    public void forgetOthers() {
        jdbc.sql("DELETE FROM parley_instances WHERE id <> :self").param("self", id).update();
    }

    /**
     * Renews the lease every third of it and sweeps every lease interval, on a daemon thread, until
     * {@link #close}. Only where several processes may share the database.
     */
    public synchronized void startLeasing() {
        if (leasing != null) {
            return;
        }
        leasing = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform()
                .name("parley-store-lease").daemon().unstarted(task));
        nextSweepMillis = clock.millis() + lease.toMillis();
        long period = Math.max(1, lease.toMillis() / 3);
        leasing.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            renew();
            if (clock.millis() >= nextSweepMillis) {
                nextSweepMillis = clock.millis() + lease.toMillis();
                sweep();
                runAfterSweep();
            }
        } catch (RuntimeException e) {
            // the store is away: the writer reports it (readiness); the lease is renewed once it is back
            log.debug("store {}: lease renewal or sweep failed", storeName, e);
        }
    }

    /**
     * Stops leasing and removes this instance (a clean shutdown: its turns were already interrupted and
     * flushed), so its lease does not linger. Best effort: a store that is away lets the lease expire instead.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (leasing != null) {
                leasing.shutdownNow();
                try {
                    leasing.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                leasing = null;
            }
        }
        try {
            jdbc.sql("DELETE FROM parley_instances WHERE id = :id").param("id", id).update();
        } catch (RuntimeException e) {
            log.debug("store {}: could not remove instance {} at shutdown; its lease will expire", storeName, id, e);
        }
    }
}
