package dev.parley.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ItemCompletedNotification;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStartParams;
import dev.parley.protocol.v2.TurnCompletedNotification;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.realtime.conversation.AgentReport;
import dev.parley.realtime.conversation.ConversationToken;
import dev.parley.realtime.conversation.HandoffRouter;
import dev.parley.realtime.conversation.HandoffTag;
import dev.parley.thread.InMemoryThreadStore;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ThreadService;
import dev.parley.turn.agent.AgentBackend;
import dev.parley.turn.agent.AgentOutput;
import dev.parley.turn.agent.AgentRequest;
import dev.parley.turn.agent.CancellationSignal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The turn lifecycle without sockets, with a backend the test controls: the windows that are hard to hit
 * over the network (a model that ignores cancellation for a while, a backend bug).
 */
class TurnServiceTest {

    /** A backend that streams "partial", then holds until released, whatever the cancellation says. */
    private static final class HeldBackend implements AgentBackend {
        final CountDownLatch streaming = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile RuntimeException bug;

        @Override
        public void respond(AgentRequest request, AgentOutput output, CancellationSignal cancellation) {
            if (bug != null) {
                throw bug;
            }
            cancellation.onCancel(cancelled::countDown);
            output.messageStarted();
            output.textDelta("partial");
            streaming.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.messageCompleted("partial and more");
        }
    }

    /** Records notifications (and the test's own markers) in one ordered log. */
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final NotificationPublisher publisher = new NotificationPublisher() {
        @Override
        public <P extends Record> void broadcast(NotificationMethod<P> method, P params) {
            log.add(method.method() + " " + params);
        }

        @Override
        public <P extends Record> void toSubscribers(String threadId, NotificationMethod<P> method, P params) {
            String detail = switch (params) {
                case ItemCompletedNotification item when item.item() instanceof ThreadItem.AgentMessage agent ->
                        ":agentMessage " + agent.text();
                case TurnCompletedNotification completed -> " " + completed.turn().status()
                        + (completed.turn().error() == null ? "" : " " + completed.turn().error().message());
                default -> "";
            };
            log.add(method.method() + detail);
        }
    };
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ThreadService threads = new ThreadService(new InMemoryThreadStore(), publisher, Clock.systemUTC(),
            "0.1.0", "builtin", "gpt-5.1");
    private final HeldBackend backend = new HeldBackend();
    private final RecordingReportSink reports = new RecordingReportSink();
    private final TurnService turns = new TurnService(threads, publisher, Clock.systemUTC(), backend, executor,
            reports);
    private final String threadId = threads.start(new ThreadStartParams(null, null, null, null, null)).id();
    private final ConversationToken token = new ConversationToken("no-conversation");

    @AfterEach
    void stop() {
        backend.release.countDown();
        executor.shutdownNow();
    }

    private String take() {
        try {
            String next = log.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a notification within 10 s").isNotNull();
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private List<String> takeThrough(String prefix) {
        List<String> seen = new ArrayList<>();
        String next;
        do {
            next = take();
            seen.add(next);
        } while (!next.startsWith(prefix));
        return seen;
    }

    @Test
    void whileAnInterruptIsPendingTheTurnTakesNoInputAndTheAnswerPrecedesTurnCompleted() throws Exception {
        HandoffTag tag = new HandoffTag(token, "h1");
        String turnId = ((HandoffRouter.RouteResult.Started) turns.route(threadId, "delegated", tag)).turnId();
        assertThat(backend.streaming.await(10, TimeUnit.SECONDS)).isTrue();

        // returns although the model has not stopped yet
        turns.interrupt(threadId, turnId, () -> log.add("interrupt answered"));

        assertThat(turns.route(threadId, "late handoff", new HandoffTag(token, "h2")))
                .isInstanceOf(HandoffRouter.RouteResult.Rejected.class);
        assertThatThrownBy(() -> turns.steer(threadId, turnId, List.of(new UserInput.Text("x")), null, id -> { }))
                .isInstanceOf(ApiException.class).hasMessage("no active turn to steer");
        assertThatThrownBy(() -> turns.start(threadId, List.of(new UserInput.Text("x")), null, turn -> { }))
                .isInstanceOf(ApiException.class).hasMessage("a turn is already running on thread " + threadId);
        turns.interrupt(threadId, turnId, () -> log.add("second interrupt answered"));
        backend.release.countDown();

        List<String> end = takeThrough("thread/status/changed ThreadStatusChangedNotification[threadId="
                + threadId + ", status=Idle");
        assertThat(end.subList(end.indexOf("item/completed:agentMessage partial"), end.size())).containsExactly(
                "item/completed:agentMessage partial", "interrupt answered", "second interrupt answered",
                "turn/completed INTERRUPTED", end.getLast());
        assertThat(reports.next()).isEqualTo(new AgentReport.AgentMessage(turnId, Set.of(tag), "partial"));
        assertThat(reports.next()).isEqualTo(new AgentReport.TurnEnded(turnId, TurnStatus.INTERRUPTED,
                Set.of(tag)));
        assertThat(threads.require(threadId).turns().getFirst().status()).isEqualTo(TurnStatus.INTERRUPTED);
    }

    @Test
    void aBackendBugFailsTheTurnAndFreesTheThread() {
        backend.bug = new IllegalStateException("bug");
        turns.start(threadId, List.of(new UserInput.Text("x")), null, turn -> { });

        List<String> end = takeThrough("turn/completed");
        assertThat(end).contains("error").endsWith("turn/completed FAILED agent turn failed unexpectedly");
        take();
        backend.bug = null;
        backend.release.countDown();
        turns.start(threadId, List.of(new UserInput.Text("again")), null, turn -> { });
        assertThat(takeThrough("turn/completed")).endsWith("turn/completed COMPLETED");
    }

    @Test
    void shutdownInterruptsTheRunningTurnWithAnErrorRecordsItAndRefusesNewTurns() throws Exception {
        turns.start(threadId, List.of(new UserInput.Text("x")), null, turn -> { });
        assertThat(backend.streaming.await(10, TimeUnit.SECONDS)).isTrue();
        String other = threads.start(new ThreadStartParams(null, null, null, null, null)).id();

        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
            try {
                return turns.shutdown(Instant.now().plusSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, executor);
        // the model ignores the cancellation for now: the shutdown waits, and takes nothing new meanwhile
        assertThat(backend.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> turns.start(other, List.of(new UserInput.Text("y")), null, turn -> { }))
                .isInstanceOf(ApiException.class).hasMessage("server is shutting down")
                .extracting(e -> ((ApiException) e).kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(turns.route(other, "handoff", new HandoffTag(token, "h1")))
                .isEqualTo(new HandoffRouter.RouteResult.Rejected("server is shutting down"));
        assertThat(ended).isNotDone();
        backend.release.countDown();

        assertThat(ended.get(10, TimeUnit.SECONDS)).isTrue();
        List<String> end = takeThrough("turn/completed");
        assertThat(end).endsWith("error", "turn/completed INTERRUPTED server is shutting down");
        var stored = threads.require(threadId).turns().getFirst();
        assertThat(stored.status()).isEqualTo(TurnStatus.INTERRUPTED);
        assertThat(stored.error().message()).isEqualTo("server is shutting down");
    }

    @Test
    void shutdownGivesUpAtItsDeadlineWhenTheModelNeverLetsGo() throws Exception {
        turns.start(threadId, List.of(new UserInput.Text("x")), null, turn -> { });
        assertThat(backend.streaming.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(turns.shutdown(Instant.now().plusMillis(100))).isFalse();
    }
}
