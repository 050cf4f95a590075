package dev.parley.turn;

import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.AgentMessageDeltaNotification;
import dev.parley.protocol.v2.ErrorNotification;
import dev.parley.protocol.v2.ItemCompletedNotification;
import dev.parley.protocol.v2.ItemStartedNotification;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadStatus;
import dev.parley.protocol.v2.ThreadStatusChangedNotification;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnCompletedNotification;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStartedNotification;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ThreadService;
import dev.parley.thread.ThreadStore.Durability;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Writes a turn's progress to its thread and tells the thread's clients, one step at a time, so the stored
 * turn and the notifications never disagree ({@code 02} §6.4, §6.5). Stored turns always hold every item
 * ({@code itemsView: "full"}); the notifications carry the views of {@code 02} §5.2. What a request answers
 * after is stored durably first; agent items and a turn's end go through the store's write-behind queue, so
 * the model's stream never waits for the database.
 *
 * <p>Callers hold the thread's turn lock, so the steps of one thread are recorded in one order.
 */
final class TurnRecorder {

    private final ThreadService threads;
    private final NotificationPublisher notifications;
    private final Clock clock;

    TurnRecorder(ThreadService threads, NotificationPublisher notifications, Clock clock) {
        this.threads = threads;
        this.notifications = notifications;
        this.clock = clock;
    }

    long nowMillis() {
        return clock.millis();
    }

    /**
     * Stores a new turn holding its first user item: durably before a {@code turn/start} answer, queued for a
     * routed handoff (whose publisher must not wait for the database).
     *
     * @return the {@code turn/start} view: no items, {@code notLoaded}, not started yet
     */
    Turn add(String threadId, String turnId, ThreadItem.UserMessage userItem, long startedAtMs,
            @Nullable String preview, Durability durability) {
        Turn stored = new Turn(turnId, List.of(userItem), TurnItemsView.FULL, TurnStatus.IN_PROGRESS, null,
                startedAtMs / 1000, null, null);
        threads.addTurn(threadId, stored, preview, durability);
        return new Turn(turnId, List.of(), TurnItemsView.NOT_LOADED, TurnStatus.IN_PROGRESS, null, null, null, null);
    }

    /** {@code thread/status/changed active}, {@code turn/started}, then the first user item's pair. */
    void started(String threadId, String turnId, ThreadItem.UserMessage userItem, long startedAtMs) {
        notifications.broadcast(ProtocolRegistry.THREAD_STATUS_CHANGED,
                new ThreadStatusChangedNotification(threadId, ThreadStatus.ACTIVE));
        notifications.toSubscribers(threadId, ProtocolRegistry.TURN_STARTED, new TurnStartedNotification(threadId,
                new Turn(turnId, List.of(), TurnItemsView.NOT_LOADED, TurnStatus.IN_PROGRESS, null,
                        startedAtMs / 1000, null, null)));
        announceUserItem(threadId, turnId, userItem);
    }

    /** Stores a steered user item; {@link #announceUserItem} follows once the caller has answered. */
    void storeUserItem(String threadId, String turnId, ThreadItem.UserMessage item, Durability durability) {
        threads.addItem(threadId, turnId, item, durability);
    }

    void agentItemStarted(String threadId, String turnId, String itemId) {
        ThreadItem.AgentMessage item = new ThreadItem.AgentMessage(itemId, "");
        threads.addItem(threadId, turnId, item, Durability.QUEUED);
        notifications.toSubscribers(threadId, ProtocolRegistry.ITEM_STARTED,
                new ItemStartedNotification(item, threadId, turnId, clock.millis()));
    }

    void agentDelta(String threadId, String turnId, String itemId, String delta) {
        notifications.toSubscribers(threadId, ProtocolRegistry.AGENT_MESSAGE_DELTA,
                new AgentMessageDeltaNotification(threadId, turnId, itemId, delta));
    }

    void agentItemCompleted(String threadId, String turnId, ThreadItem.AgentMessage item) {
        threads.completeAgentMessage(threadId, turnId, item, Durability.QUEUED);
        notifications.toSubscribers(threadId, ProtocolRegistry.ITEM_COMPLETED,
                new ItemCompletedNotification(item, threadId, turnId, clock.millis()));
    }

    /** The {@code error} notification that precedes a failed turn's {@code turn/completed}. */
    void error(String threadId, String turnId, TurnError error) {
        notifications.toSubscribers(threadId, ProtocolRegistry.ERROR, new ErrorNotification(error, false, threadId,
                turnId));
    }

    /**
     * Queues the turn's end for the store.
     *
     * @param lastMessage the turn's last agent message, for the {@code turn/completed} summary
     * @return the turn as ended, with the stage that completes when its end is durable
     */
    Ended storeEnd(String threadId, String turnId, TurnStatus status, @Nullable TurnError error, long startedAtMs,
            ThreadItem.@Nullable AgentMessage lastMessage) {
        long endedAtMs = clock.millis();
        Turn ended = new Turn(turnId, lastMessage == null ? List.of() : List.of(lastMessage), TurnItemsView.FULL,
                status, error, startedAtMs / 1000, endedAtMs / 1000, Math.max(0, endedAtMs - startedAtMs));
        CompletionStage<Void> durable = threads.endTurn(threadId, turnId, status, error, ended.completedAt(),
                ended.durationMs(), Durability.QUEUED);
        return new Ended(ended, durable);
    }

    /** A turn's end as stored, and when it is durable. */
    record Ended(Turn turn, CompletionStage<Void> durable) {
    }

    /** {@code turn/completed} and the {@code idle} broadcast. */
    void completed(String threadId, Ended ended) {
        notifications.toSubscribers(threadId, ProtocolRegistry.TURN_COMPLETED,
                new TurnCompletedNotification(threadId, completedView(ended.turn())));
        notifications.broadcast(ProtocolRegistry.THREAD_STATUS_CHANGED,
                new ThreadStatusChangedNotification(threadId, ThreadStatus.IDLE));
    }

    /** A completed turn with an agent message carries the last one as a summary; any other turn no items. */
    static Turn completedView(Turn stored) {
        ThreadItem last = null;
        if (stored.status() == TurnStatus.COMPLETED) {
            for (ThreadItem item : stored.items()) {
                if (item instanceof ThreadItem.AgentMessage) {
                    last = item;
                }
            }
        }
        return last == null
                ? withView(stored, List.of(), TurnItemsView.NOT_LOADED)
                : withView(stored, List.of(last), TurnItemsView.SUMMARY);
    }

    void announceUserItem(String threadId, String turnId, ThreadItem.UserMessage item) {
        notifications.toSubscribers(threadId, ProtocolRegistry.ITEM_STARTED,
                new ItemStartedNotification(item, threadId, turnId, clock.millis()));
        notifications.toSubscribers(threadId, ProtocolRegistry.ITEM_COMPLETED,
                new ItemCompletedNotification(item, threadId, turnId, clock.millis()));
    }

    private static Turn withView(Turn turn, List<ThreadItem> items, TurnItemsView view) {
        return new Turn(turn.id(), items, view, turn.status(), turn.error(), turn.startedAt(), turn.completedAt(),
                turn.durationMs());
    }
}
