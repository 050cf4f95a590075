package dev.parley.realtime.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ThreadRealtimeTranscriptDoneNotification;
import dev.parley.thread.NotificationPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bounds of the "deferred until durable" queue: what releases held notifications besides a durable write. */
class DurableGateTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final NotificationPublisher out = new NotificationPublisher() {
        @Override
        public <P extends Record> void broadcast(NotificationMethod<P> method, P params) {
            throw new AssertionError("no broadcast");
        }

        @Override
        public <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params) {
            sent.add(((ThreadRealtimeTranscriptDoneNotification) params).text());
        }
    };

    private static void send(DurableGate gate, String text) {
        gate.toSubscribers("T", ProtocolRegistry.REALTIME_TRANSCRIPT_DONE,
                new ThreadRealtimeTranscriptDoneNotification("T", "user", text));
    }

    @Test
    void nothingPending_sendsAtOnce_pendingWrite_holdsInOrderUntilItCompletes() {
        DurableGate gate = new DurableGate(out, Duration.ofDays(1), 100);
        send(gate, "a");
        CompletableFuture<Long> write = new CompletableFuture<>();
        gate.holdUntil(write, true, "item");
        send(gate, "b");
        send(gate, "c");
        assertThat(sent).containsExactly("a");

        write.complete(1L);
        gate.awaitReleased();
        assertThat(sent).containsExactly("a", "b", "c");
        send(gate, "d");
        assertThat(sent).containsExactly("a", "b", "c", "d");
    }

    @Test
    void twoBarriers_theSecondHoldsWhatFollowsItEvenWhenTheFirstIsDone() {
        DurableGate gate = new DurableGate(out, Duration.ofDays(1), 100);
        CompletableFuture<Long> first = new CompletableFuture<>();
        CompletableFuture<Long> second = new CompletableFuture<>();
        gate.holdUntil(first, true, "one");
        send(gate, "after one");
        gate.holdUntil(second, true, "two");
        send(gate, "after two");

        second.complete(2L);
        assertThat(sent).isEmpty();
        first.complete(1L);
        gate.awaitReleased();
        assertThat(sent).containsExactly("after one", "after two");
    }

    @Test
    void failedWrite_isLoggedAndReleases() {
        DurableGate gate = new DurableGate(out, Duration.ofDays(1), 100);
        CompletableFuture<Long> write = new CompletableFuture<>();
        gate.holdUntil(write, true, "item");
        send(gate, "held");
        write.completeExceptionally(new IllegalStateException("disk full"));
        gate.awaitReleased();
        assertThat(sent).containsExactly("held");
    }

    @Test
    void writeThatNeverCompletes_releasesAfterTheDurableWait() {
        DurableGate gate = new DurableGate(out, Duration.ofMillis(1), 100);
        gate.holdUntil(new CompletableFuture<>(), true, "item");
        send(gate, "held");
        gate.awaitReleased();
        assertThat(sent).containsExactly("held");
    }

    @Test
    void storeDown_holdsNothing() {
        DurableGate gate = new DurableGate(out, Duration.ofDays(1), 100);
        gate.holdUntil(new CompletableFuture<>(), false, "item");
        send(gate, "straight out");
        assertThat(sent).containsExactly("straight out");
    }

    @Test
    void moreThanMaxHeld_releasesEverythingInOrder() {
        DurableGate gate = new DurableGate(out, Duration.ofDays(1), 3);
        gate.holdUntil(new CompletableFuture<>(), true, "item");
        send(gate, "1");
        send(gate, "2");
        assertThat(sent).isEmpty();
        send(gate, "3");
        send(gate, "4");
        assertThat(sent).containsExactly("1", "2", "3", "4");
    }
}
