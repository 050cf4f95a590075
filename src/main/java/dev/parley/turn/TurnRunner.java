package dev.parley.turn;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.realtime.conversation.AgentReport;
import dev.parley.realtime.conversation.AgentReportSink;
import dev.parley.thread.ThreadService;
import dev.parley.thread.UuidV7;
import dev.parley.turn.agent.AgentBackend;
import dev.parley.turn.agent.AgentFailure;
import dev.parley.turn.agent.AgentOutput;
import dev.parley.turn.agent.AgentRequest;
import dev.parley.turn.agent.ContextMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one turn on its own virtual thread ({@code 05} §1): model request after model request until no steer
 * input is pending, streaming each response into agent message items, then ends the turn — completed,
 * failed or interrupted. The runner is the only one that ends its turn, so the end (open item completed,
 * {@code error}, deferred interrupt answers, {@code turn/completed}, {@code idle}) is one step under the
 * thread's lock, and its reports follow in order.
 */
final class TurnRunner implements Runnable, AgentOutput {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    private final ActiveTurn turn;
    private final TurnSlot slot;
    private final TurnRecorder recorder;
    private final AgentBackend backend;
    private final ThreadService threads;
    private final AgentReportSink sink;

    // confined to the runner's thread
    private final List<ContextMessage> transcript = new ArrayList<>();
    private @Nullable String openItemId;
    private final StringBuilder openText = new StringBuilder();
    private ThreadItem.@Nullable AgentMessage lastMessage;

    TurnRunner(ActiveTurn turn, TurnSlot slot, ContextMessage firstInput, TurnRecorder recorder, AgentBackend backend,
            ThreadService threads, AgentReportSink sink) {
        this.turn = turn;
        this.slot = slot;
        this.recorder = recorder;
        this.backend = backend;
        this.threads = threads;
        this.sink = sink;
        transcript.add(firstInput);
    }

    @Override
    public void run() {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("threadId", turn.threadId)) {
            while (true) {
                TurnError failure;
                try {
                    AgentRequest request = nextRequest();
                    failure = request == null ? null : call(request);
                } catch (ApiException e) {
                    if (e.kind() != ErrorKind.STORE_UNAVAILABLE) {
                        throw e;
                    }
                    // the thread's history (the model context) cannot be read: the turn fails, saying why
                    failure = new TurnError(e.getMessage(), CodexErrorInfo.INTERNAL_SERVER_ERROR, null);
                }
                if (endUnlessSteered(failure)) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("turn {} failed unexpectedly", turn.id, e);
            abandon();
        }
    }

    /** The next request's context with pending steer input taken in, or {@code null} once interrupted. */
    private @Nullable AgentRequest nextRequest() {
        slot.lock.lock();
        try {
            if (turn.interrupting) {
                return null;
            }
            transcript.addAll(turn.pendingSteers);
            turn.pendingSteers.clear();
        } finally {
            slot.lock.unlock();
        }
        return ModelContext.request(threads.require(turn.threadId), turn.id, transcript);
    }

    private @Nullable TurnError call(AgentRequest request) {
        try {
            backend.respond(request, this, turn.cancellation);
            return null;
        } catch (AgentFailure failure) {
            return new TurnError(failure.getMessage(), failure.codexErrorInfo(), null);
        }
    }

    /** Ends the turn unless steer input arrived while the model answered; {@code true} when it ended. */
    private boolean endUnlessSteered(@Nullable TurnError failure) {
        List<AgentReport> reports = new ArrayList<>();
        slot.lock.lock();
        try {
            if (turn.interrupting) {
                end(TurnStatus.INTERRUPTED, turn.interruptError, reports);
            } else if (failure != null) {
                end(TurnStatus.FAILED, failure, reports);
            } else if (turn.pendingSteers.isEmpty()) {
                end(TurnStatus.COMPLETED, null, reports);
            } else {
                return false;
            }
        } finally {
            slot.lock.unlock();
        }
        report(reports);
        return true;
    }

    /** Lock held. */
    private void end(TurnStatus status, @Nullable TurnError error, List<AgentReport> reports) {
        try {
            if (openItemId != null) {
                completeOpenItem(openText.toString(), reports);
            }
            if (error != null) {
                recorder.error(turn.threadId, turn.id, error);
            }
            TurnRecorder.Ended ended = recorder.storeEnd(turn.threadId, turn.id, status, error, turn.startedAtMs,
                    lastMessage);
            // deferred turn/interrupt answers: after the abort and once it is durable, before turn/completed (02 §6.3)
            if (!turn.abortedCallbacks.isEmpty()) {
                RuntimeException storeFailure = null;
                try {
                    threads.awaitDurable(ended.durable());
                } catch (RuntimeException e) {
                    storeFailure = e;
                }
                for (var callback : turn.abortedCallbacks) {
                    callback.accept(storeFailure);
                }
            }
            recorder.completed(turn.threadId, ended);
            if (!turn.tags.isEmpty()) {
                reports.add(new AgentReport.TurnEnded(turn.id, status, turn.tagsSnapshot()));
            }
        } finally {
            slot.ended();
        }
    }

    /** After a bug: end the turn as failed if it still runs, so the thread does not stay active forever. */
    private void abandon() {
        List<AgentReport> reports = new ArrayList<>();
        slot.lock.lock();
        try {
            if (slot.running == turn) {
                end(TurnStatus.FAILED, new TurnError("agent turn failed unexpectedly", CodexErrorInfo.OTHER, null),
                        reports);
            }
        } catch (RuntimeException e) {
            log.error("could not end turn {} cleanly", turn.id, e);
        } finally {
            slot.lock.unlock();
        }
        report(reports);
    }

    @Override
    public void messageStarted() {
        if (turn.cancellation.isCancelled()) {
            return;
        }
        List<AgentReport> reports = new ArrayList<>();
        slot.lock.lock();
        try {
            if (openItemId != null) {
                // a message that never got its done event ends where the next one starts
                completeOpenItem(openText.toString(), reports);
            }
            openItemId = UuidV7.next();
            openText.setLength(0);
            recorder.agentItemStarted(turn.threadId, turn.id, openItemId);
        } finally {
            slot.lock.unlock();
        }
        report(reports);
    }

    @Override
    public void textDelta(String delta) {
        if (turn.cancellation.isCancelled() || delta.isEmpty()) {
            return;
        }
        if (openItemId == null) {
            messageStarted();
        }
        openText.append(delta);
        slot.lock.lock();
        try {
            recorder.agentDelta(turn.threadId, turn.id, openItemId, delta);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public void messageCompleted(String text) {
        if (turn.cancellation.isCancelled()) {
            return;
        }
        if (openItemId == null) {
            messageStarted();
        }
        if (text.length() > openText.length() && text.startsWith(openText.toString())) {
            // deltas must add up to the final text (02 §6.4)
            textDelta(text.substring(openText.length()));
        }
        List<AgentReport> reports = new ArrayList<>();
        slot.lock.lock();
        try {
            completeOpenItem(text, reports);
        } finally {
            slot.lock.unlock();
        }
        report(reports);
    }

    /** Lock held. */
    private void completeOpenItem(String text, List<AgentReport> reports) {
        ThreadItem.AgentMessage item = new ThreadItem.AgentMessage(openItemId, text);
        lastMessage = item;
        openItemId = null;
        openText.setLength(0);
        recorder.agentItemCompleted(turn.threadId, turn.id, item);
        if (!text.isEmpty()) {
            transcript.add(ContextMessage.assistant(text));
        }
        if (!turn.tags.isEmpty()) {
            reports.add(new AgentReport.AgentMessage(turn.id, turn.tagsSnapshot(), text));
        }
    }

    /** Outside the lock: delivery may block. */
    private void report(List<AgentReport> reports) {
        for (AgentReport report : reports) {
            // the sink drops a report it was interrupted delivering and sets the interrupt status again
            if (Thread.currentThread().isInterrupted()) {
                log.warn("turn {}: interrupted while reporting to realtime; the remaining reports are dropped",
                        turn.id);
                return;
            }
            sink.report(report);
        }
    }
}
