package dev.parley.turn;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.UserInput;
import dev.parley.realtime.conversation.AgentReportSink;
import dev.parley.realtime.conversation.HandoffRouter;
import dev.parley.realtime.conversation.HandoffTag;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ThreadService;
import dev.parley.thread.ThreadStore.Durability;
import dev.parley.thread.UuidV7;
import dev.parley.turn.agent.AgentBackend;
import dev.parley.turn.agent.ContextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent turns ({@code 05} §1): start, steer, interrupt, and the route of realtime handoffs. One turn runs
 * per thread; each runs on its own virtual thread ({@link TurnRunner}), so no caller ever waits for the
 * model. Every method here only takes the thread's {@link TurnSlot} lock for quick bookkeeping.
 *
 * <p>Callers that answer a request pass an {@code acknowledge} callback: it runs under the lock before any
 * notification of the change, so the answer precedes the notifications on the caller's connection
 * ({@code 02} §6.5) and no other change of the thread can slip in between.
 */
public final class TurnService implements HandoffRouter {

    private static final Logger log = LoggerFactory.getLogger(TurnService.class);
    /** The refusal of new turns, and the error of the turns a shutdown interrupts. */
    static final String SHUTTING_DOWN = "server is shutting down";

    private final ThreadService threads;
    private final TurnRecorder recorder;
    private final AgentBackend backend;
    private final Executor executor;
    private final AgentReportSink reports;
    private final Map<String, TurnSlot> slots = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /**
     * @param executor runs each turn on its own (virtual) thread
     * @param reports receives the reports of tagged turns (the realtime conversations)
     */
    public TurnService(ThreadService threads, NotificationPublisher notifications, Clock clock, AgentBackend backend,
            Executor executor, AgentReportSink reports) {
        this.threads = threads;
        this.recorder = new TurnRecorder(threads, notifications, clock);
        this.backend = backend;
        this.executor = executor;
        this.reports = reports;
    }

    /**
     * Starts a typed turn ({@code turn/start}).
     *
     * @param acknowledge receives the {@code turn/start} view of the new turn, before its notifications
     * @throws ApiException {@code a turn is already running on thread <id>}, or thread not found
     */
    public void start(String threadId, List<UserInput> input, @Nullable String clientUserMessageId,
            Consumer<Turn> acknowledge) {
        TurnSlot slot = slot(threadId);
        slot.lock.lock();
        try {
            if (shuttingDown) {
                throw new ApiException(ErrorKind.OVERLOADED, SHUTTING_DOWN, CodexErrorInfo.SERVER_OVERLOADED);
            }
            if (slot.running != null) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "a turn is already running on thread " + threadId);
            }
            String preview = ModelContext.texts(input).stream().findFirst().orElse(null);
            begin(slot, threadId, new ThreadItem.UserMessage(UuidV7.next(), clientUserMessageId, input), preview, null,
                    Durability.NOW, acknowledge);
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Adds input to the running turn ({@code turn/steer}); the model sees it at the turn's next request.
     *
     * @param acknowledge receives the running turn's id, before the new user item's notifications
     * @throws ApiException {@code no active turn to steer} (also while the turn is being interrupted), or
     *     {@code expected active turn id <expected> but found <actual>}
     */
    public void steer(String threadId, String expectedTurnId, List<UserInput> input,
            @Nullable String clientUserMessageId, Consumer<String> acknowledge) {
        TurnSlot slot = slot(threadId);
        slot.lock.lock();
        try {
            ActiveTurn turn = slot.running;
            if (turn == null || turn.interrupting) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "no active turn to steer");
            }
            requireId(turn, expectedTurnId);
            // stored durably before the answer; announced after it
            ThreadItem.UserMessage item = addSteer(turn, input, clientUserMessageId, Durability.NOW);
            acknowledge.accept(turn.id);
            recorder.announceUserItem(threadId, turn.id, item);
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Interrupts the running turn ({@code turn/interrupt}): signals cancellation and returns at once. The
     * turn's runner then aborts the model request, completes any open agent message with the text so far,
     * runs {@code onAborted} (the deferred answer) and emits {@code turn/completed interrupted}.
     *
     * @throws ApiException {@code no active turn to interrupt}, or
     *     {@code expected active turn id <turnId> but found <actual>}
     */
    public void interrupt(String threadId, String turnId, Runnable onAborted) {
        interrupt(threadId, turnId, failure -> onAborted.run());
    }

    /**
     * Like {@link #interrupt(String, String, Runnable)}; {@code onAborted} receives {@code null} once the
     * turn's end is durable, or the {@code store unavailable} failure when it could not be written (the turn
     * is interrupted all the same and its end stays queued for the store).
     */
    public void interrupt(String threadId, String turnId, Consumer<@Nullable RuntimeException> onAborted) {
        TurnSlot slot = slot(threadId);
        ActiveTurn turn;
        slot.lock.lock();
        try {
            turn = slot.running;
            if (turn == null) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "no active turn to interrupt");
            }
            requireId(turn, turnId);
            turn.abortedCallbacks.add(onAborted);
            turn.interrupting = true;
        } finally {
            slot.lock.unlock();
        }
        // outside the lock: cancelling closes the model stream
        turn.cancellation.cancel();
    }

    @Override
    public RouteResult route(String threadId, String envelopeText, HandoffTag tag) {
        if (!threads.exists(threadId)) {
            return new RouteResult.Rejected("thread not found: " + threadId);
        }
        TurnSlot slot = slot(threadId);
        slot.lock.lock();
        try {
            if (shuttingDown) {
                return new RouteResult.Rejected(SHUTTING_DOWN);
            }
            List<UserInput> input = List.of(new UserInput.Text(envelopeText));
            ActiveTurn turn = slot.running;
            if (turn == null) {
                // queued, not awaited: the conversation's publisher relays output audio and must not wait for the store
                ThreadItem.UserMessage userItem = new ThreadItem.UserMessage(UuidV7.next(), null, input);
                return new RouteResult.Started(begin(slot, threadId, userItem, null, tag, Durability.QUEUED,
                        started -> { }), userItem.id());
            }
            if (turn.interrupting) {
                return new RouteResult.Rejected("the running turn " + turn.id + " is being interrupted");
            }
            turn.tags.add(tag);
            ThreadItem.UserMessage item = addSteer(turn, input, null, Durability.QUEUED);
            recorder.announceUserItem(threadId, turn.id, item);
            return new RouteResult.Steered(turn.id, item.id());
        } catch (RuntimeException e) {
            log.error("routing handoff {} into thread {} failed", tag.handoffId(), threadId, e);
            return new RouteResult.Rejected("internal error");
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Server shutdown: refuses new turns and handoffs from now on, interrupts every running turn with the error
     * {@value #SHUTTING_DOWN} (recorded like any interrupt: open agent message completed, {@code turn/completed
     * interrupted}, {@code idle}) and waits until they have ended, at most until {@code deadline}.
     *
     * @return {@code true} when no turn runs any more
     */
    public boolean shutdown(Instant deadline) throws InterruptedException {
        shuttingDown = true;
        TurnError error = new TurnError(SHUTTING_DOWN, CodexErrorInfo.OTHER, null);
        // a turn started just before the flag was set may sit in a slot created after a pass: look again
        while (true) {
            List<TurnSlot> busy = interruptAll(error);
            if (busy.isEmpty()) {
                return true;
            }
            for (TurnSlot slot : busy) {
                if (!slot.awaitIdle(deadline)) {
                    log.warn("shutdown: an agent turn did not end in time");
                    return false;
                }
            }
        }
    }

    private List<TurnSlot> interruptAll(TurnError error) {
        List<TurnSlot> busy = new ArrayList<>();
        for (TurnSlot slot : slots.values()) {
            ActiveTurn turn;
            slot.lock.lock();
            try {
                turn = slot.running;
                if (turn == null) {
                    continue;
                }
                if (!turn.interrupting) {
                    turn.interrupting = true;
                    turn.interruptError = error;
                }
            } finally {
                slot.lock.unlock();
            }
            busy.add(slot);
            turn.cancellation.cancel();
        }
        return busy;
    }

    /** Lock held: stores the turn, acknowledges, announces it, and hands it to its runner. */
    private String begin(TurnSlot slot, String threadId, ThreadItem.UserMessage userItem, @Nullable String preview,
            @Nullable HandoffTag tag, Durability durability, Consumer<Turn> acknowledge) {
        String turnId = UuidV7.next();
        long startedAtMs = recorder.nowMillis();
        List<UserInput> input = userItem.content();
        Turn created = recorder.add(threadId, turnId, userItem, startedAtMs, preview, durability);
        ActiveTurn turn = new ActiveTurn(threadId, turnId, startedAtMs);
        if (tag != null) {
            turn.tags.add(tag);
        }
        slot.running = turn;
        acknowledge.accept(created);
        recorder.started(threadId, turnId, userItem, startedAtMs);
        executor.execute(new TurnRunner(turn, slot, ContextMessage.user(ModelContext.texts(input)), recorder, backend,
                threads, reports));
        return turnId;
    }

    /** Lock held: stores the steered item, then hands it to the runner; the caller announces it. */
    private ThreadItem.UserMessage addSteer(ActiveTurn turn, List<UserInput> input, @Nullable String clientId,
            Durability durability) {
        ThreadItem.UserMessage item = new ThreadItem.UserMessage(UuidV7.next(), clientId, input);
        recorder.storeUserItem(turn.threadId, turn.id, item, durability);
        turn.pendingSteers.add(ContextMessage.user(ModelContext.texts(input)));
        return item;
    }

    private static void requireId(ActiveTurn turn, String expected) {
        if (!turn.id.equals(expected)) {
            throw new ApiException(ErrorKind.INVALID_REQUEST,
                    "expected active turn id " + expected + " but found " + turn.id);
        }
    }

    private TurnSlot slot(String threadId) {
        return slots.computeIfAbsent(threadId, id -> new TurnSlot());
    }
}
