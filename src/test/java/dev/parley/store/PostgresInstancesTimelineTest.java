package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.v2.ThreadRealtimeFrameChannels;
import dev.parley.protocol.v2.ThreadRealtimeItem;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptRole;
import dev.parley.protocol.v2.ThreadRealtimeVoiceTranscript;
import dev.parley.realtime.timeline.RealtimeTimelineRecovery;
import dev.parley.store.PostgresInstancesTest.ManualClock;
import dev.parley.testsupport.EmbeddedPostgresServer;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Voice conversations with several Parley processes on one PostgreSQL ({@code 09} §5 recovery per instance):
 * a process starting or sweeping never closes a live peer's conversation; the conversation of a peer whose
 * lease expired is closed as failed once (its open segment sealed first), even when two peers recover at once.
 */
class PostgresInstancesTimelineTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    private final String url = EmbeddedPostgresServer.shared().createDatabase();
    private final ManualClock clock = new ManualClock();
    private final List<OpenStore> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(OpenStore::close);
    }

    private OpenStore process(Clock clock, Duration lease, boolean leasing) {
        OpenStore store = OpenStore.postgres(url, "postgres", "", 10_000, clock, lease, leasing);
        open.add(store);
        return store;
    }

    private OpenStore process() {
        return process(clock, LEASE, false);
    }

    /** A thread whose voice conversation {@code store} is running, with one segment still open. */
    private static String runningConversation(OpenStore store, Clock clock) {
        long now = System.currentTimeMillis() / 1000;
        ThreadRecord thread = new ThreadRecord(UuidV7.next(), now, now, "", false, "openai", "m", null, "", "peer",
                List.of());
        store.threads().insertThread(thread, Durability.NOW);
        String session = "session-" + thread.id();
        var timeline = store.timeline(clock);
        timeline.append(thread.id(), new ThreadRealtimeItem.RealtimeSessionStarted("start-" + session, session, 100))
                .join();
        timeline.segmentOpened(thread.id(), new ThreadRealtimeItem.Frame("segment-" + session, session, 110,
                new ThreadRealtimeFrameChannels(new ThreadRealtimeVoiceTranscript(ThreadRealtimeTranscriptRole.USER,
                        "half a sent"))));
        return thread.id();
    }

    private static List<String> types(OpenStore store, String threadId) {
        return JdbcClient.create(store.pool())
                .sql("SELECT type FROM parley_realtime_items WHERE thread_id = :thread ORDER BY position")
                .param("thread", threadId).query(String.class).list();
    }

    private static int recover(OpenStore store, Clock clock) {
        return new RealtimeTimelineRecovery(store.timeline(clock), clock).recover();
    }

    @Test
    void aStartingProcessLeavesALivePeersConversationOpen() {
        OpenStore first = process();
        String thread = runningConversation(first, clock);

        OpenStore second = process();
        assertThat(recover(second, clock)).as("start-up recovery of the second process").isZero();
        clock.advance(LEASE.dividedBy(2));
        second.instance().sweep();
        assertThat(recover(second, clock)).as("within the first one's lease").isZero();
        assertThat(recover(first, clock)).as("a process never recovers its own conversations").isZero();
        assertThat(types(second, thread)).containsExactly("realtimeSessionStarted");
    }

    @Test
    void theConversationOfAProcessWhoseLeaseExpiredIsClosedOnceByOneOfTwoPeers() {
        OpenStore crashed = process();
        String thread = runningConversation(crashed, clock);
        OpenStore a = process();
        OpenStore b = process();

        clock.advance(LEASE.plusSeconds(1));
        a.instance().renew();
        b.instance().renew();
        CompletableFuture<Integer> byA = CompletableFuture.supplyAsync(() -> recover(a, clock));
        CompletableFuture<Integer> byB = CompletableFuture.supplyAsync(() -> recover(b, clock));
        assertThat(byA.join() + byB.join()).isEqualTo(1);

        assertThat(types(a, thread)).containsExactly("realtimeSessionStarted", "frame", "realtimeSessionClosed");
        String closed = JdbcClient.create(a.pool()).sql("SELECT item FROM parley_realtime_items "
                + "WHERE thread_id = :thread AND type = 'realtimeSessionClosed'").param("thread", thread)
                .query(String.class).single();
        assertThat(closed).contains("\"outcome\":\"failed\"");
        assertThat(recover(a, clock) + recover(b, clock)).as("nothing left to close").isZero();
    }

    @Test
    void aConversationRecordedBeforeOwnersExistedIsClosedAtTheNextStart() {
        OpenStore old = process();
        String thread = runningConversation(old, clock);
        JdbcClient.create(old.pool()).sql("UPDATE parley_realtime_running SET owner = NULL").update();

        OpenStore next = process();
        assertThat(recover(next, clock)).isEqualTo(1);
        assertThat(types(next, thread)).endsWith("realtimeSessionClosed");
    }

    @Test
    void theScheduledSweepClosesACrashedPeersConversation() {
        Duration shortLease = Duration.ofMillis(300);
        OpenStore sweeper = process(Clock.systemUTC(), shortLease, true);
        sweeper.sweptTimeline(Clock.systemUTC());
        // registered with a lease it never renews: a process that died during its conversation
        OpenStore crashed = process(Clock.systemUTC(), shortLease, false);
        String thread = runningConversation(crashed, Clock.systemUTC());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> types(sweeper, thread).contains("realtimeSessionClosed"));
        assertThat(types(sweeper, thread)).containsExactly("realtimeSessionStarted", "frame", "realtimeSessionClosed");
    }
}
