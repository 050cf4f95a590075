package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.testsupport.EmbeddedPostgresServer;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several Parley processes on one PostgreSQL (each an {@link OpenStore} with its own {@link StoreInstance}):
 * a process starting never interrupts the running turns of a live peer; the turns of a peer whose lease
 * expired are interrupted by the others' sweep, once, with the restart error, and the thread reads idle.
 */
class PostgresInstancesTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    /** A clock the test moves by hand: leases expire without waiting. */
    static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final String url = EmbeddedPostgresServer.shared().createDatabase();
    private final ManualClock clock = new ManualClock();
    private final List<OpenStore> open = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(OpenStore::close);
    }

    private OpenStore process() {
        return track(OpenStore.postgres(url, "postgres", "", 10_000, clock, LEASE, false));
    }

    private OpenStore track(OpenStore store) {
        open.add(store);
        return store;
    }

    private static ThreadRecord thread() {
        long now = System.currentTimeMillis() / 1000;
        return new ThreadRecord(UuidV7.next(), now, now, "", false, "openai", "m", null, "", "peer", List.of());
    }

    /** A thread with one running turn, written by {@code store}; returns the turn. */
    private static Turn runningTurn(OpenStore store, ThreadRecord thread) {
        store.threads().insertThread(thread, Durability.NOW);
        Turn turn = new Turn(UuidV7.next(), List.of(new ThreadItem.UserMessage(UuidV7.next(), null,
                List.of(new UserInput.Text("hi")))), TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null,
                thread.createdAt(), null, null);
        store.threads().appendTurn(thread.id(), turn, "hi", thread.createdAt(), Durability.NOW);
        return turn;
    }

    private static Turn read(OpenStore store, ThreadRecord thread) {
        return store.threads().find(thread.id()).orElseThrow().turns().getFirst();
    }

    private long instances(OpenStore store) {
        return JdbcClient.create(store.pool()).sql("SELECT COUNT(*) FROM parley_instances").query(Long.class).single();
    }

    @Test
    void startingASecondProcessLeavesTheFirstOnesRunningTurnAlone() {
        OpenStore first = process();
        ThreadRecord thread = thread();
        Turn turn = runningTurn(first, thread);
        // a turn written before turns had owners (schema < 3) is abandoned by definition
        ThreadRecord legacy = thread();
        Turn legacyTurn = runningTurn(first, legacy);
        JdbcClient.create(first.pool()).sql("UPDATE parley_turns SET owner = NULL WHERE id = :id")
                .param("id", legacyTurn.id()).update();

        OpenStore second = process();

        assertThat(read(second, thread).status()).isEqualTo(TurnStatus.IN_PROGRESS);
        assertThat(second.threads().findSummary(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.ACTIVE);
        assertThat(read(first, thread).status()).isEqualTo(TurnStatus.IN_PROGRESS);
        assertThat(read(second, legacy).status()).isEqualTo(TurnStatus.INTERRUPTED);
        assertThat(read(second, legacy).error()).isEqualTo(StoreConfiguration.RESTARTED);
        // a sweep within the lease leaves it alone too
        clock.advance(LEASE.dividedBy(2));
        assertThat(second.instance().sweep()).isZero();
        assertThat(read(second, thread).status()).isEqualTo(TurnStatus.IN_PROGRESS);
        assertThat(instances(second)).isEqualTo(2);

        // the first one ends its turn normally
        first.threads().endTurn(thread.id(), turn.id(), TurnStatus.COMPLETED, null, thread.createdAt() + 1, 5,
                thread.createdAt() + 1, Durability.NOW);
        assertThat(read(second, thread).status()).isEqualTo(TurnStatus.COMPLETED);
    }

    @Test
    void thePeersSweepInterruptsTheTurnsOfAProcessWhoseLeaseExpiredOnce() {
        OpenStore crashed = process();
        ThreadRecord thread = thread();
        Turn turn = runningTurn(crashed, thread);
        OpenStore a = process();
        OpenStore b = process();

        // the crashed process stops renewing; the others keep renewing theirs
        clock.advance(LEASE.plusSeconds(1));
        a.instance().renew();
        b.instance().renew();
        // both sweep at once: the turn is interrupted once
        CompletableFuture<Integer> byA = CompletableFuture.supplyAsync(() -> a.instance().sweep());
        CompletableFuture<Integer> byB = CompletableFuture.supplyAsync(() -> b.instance().sweep());
        assertThat(byA.join() + byB.join()).isEqualTo(1);

        Turn interrupted = read(a, thread);
        assertThat(interrupted.id()).isEqualTo(turn.id());
        assertThat(interrupted.status()).isEqualTo(TurnStatus.INTERRUPTED);
        assertThat(interrupted.error()).isEqualTo(StoreConfiguration.RESTARTED);
        assertThat(interrupted.items()).isEqualTo(turn.items());
        assertThat(b.threads().findSummary(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.IDLE);
        // the expired instance is forgotten; the live ones stay
        assertThat(instances(a)).isEqualTo(2);

        // a process that was only paused comes back with a new lease; what was interrupted stays interrupted
        crashed.instance().renew();
        assertThat(instances(a)).isEqualTo(3);
        assertThat(read(crashed, thread).status()).isEqualTo(TurnStatus.INTERRUPTED);
    }

    @Test
    void aCleanShutdownRemovesTheInstanceAndAStartingProcessTakesItsLeftovers() {
        OpenStore stopping = process();
        ThreadRecord thread = thread();
        runningTurn(stopping, thread);
        OpenStore peer = process();
        assertThat(instances(peer)).isEqualTo(2);

        stopping.close();
        open.remove(stopping);

        assertThat(instances(peer)).isEqualTo(1);
        // a turn the graceful shutdown did not record (there should be none) is not left running
        assertThat(peer.instance().sweep()).isEqualTo(1);
        assertThat(peer.threads().findSummary(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.IDLE);
    }

    @Test
    void theScheduledSweepInterruptsACrashedPeerWithinItsLease() {
        Duration shortLease = Duration.ofMillis(300);
        OpenStore sweeper = track(OpenStore.postgres(url, "postgres", "", 10_000, Clock.systemUTC(), shortLease,
                true));
        // registered with a lease it never renews: a process that died right after writing its turn
        OpenStore crashed = track(OpenStore.postgres(url, "postgres", "", 10_000, Clock.systemUTC(), shortLease,
                false));
        ThreadRecord thread = thread();
        runningTurn(crashed, thread);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> read(sweeper, thread).status() == TurnStatus.INTERRUPTED);
        assertThat(read(sweeper, thread).error()).isEqualTo(StoreConfiguration.RESTARTED);
        assertThat(sweeper.threads().findSummary(thread.id()).orElseThrow().status()).isEqualTo(ThreadStatus.IDLE);
    }
}
