package dev.parley.realtime.conversation;

import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.v2.CodexErrorInfo;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ThreadRealtimeClosedNotification;
import dev.parley.protocol.v2.ThreadRealtimeErrorNotification;
import dev.parley.protocol.v2.ThreadRealtimeStartedNotification;
import dev.parley.thread.NotificationPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The manager's books: the current conversation of each thread and the realtime history REST reports, changed
 * under one lock together with the notifications that announce the change ({@code started}, {@code closed},
 * {@code thread/realtime/error}), so subscribers see them in the order the books changed.
 */
final class ConversationRegistry {

    private final NotificationPublisher notifications;
    private final Clock clock;
    private final ThreadRealtimeHistory history = new ThreadRealtimeHistory();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a conversation is unregistered (shutdown waits for the map to empty). */
    private final Condition unregistered = lock.newCondition();
    private final Map<String, Conversation> conversations = new HashMap<>();
    /** Set once by {@link #beginShutdown()}; guarded by {@link #lock} where it decides a start. */
    private volatile boolean shuttingDown;

    ConversationRegistry(NotificationPublisher notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** Conversations registered now (connecting, running or closing). */
    int size() {
        lock.lock();
        try {
            return conversations.size();
        } finally {
            lock.unlock();
        }
    }

    @Nullable Conversation current(String threadId) {
        lock.lock();
        try {
            return conversations.get(threadId);
        } finally {
            lock.unlock();
        }
    }

    /** The thread's conversation, or {@code -32600 conversation is not running}. */
    Conversation require(String threadId) {
        Conversation conversation = current(threadId);
        if (conversation == null) {
            throw new ApiException(ErrorKind.INVALID_REQUEST, "conversation is not running", CodexErrorInfo.BAD_REQUEST);
        }
        return conversation;
    }

    void register(Conversation conversation) {
        lock.lock();
        try {
            conversations.put(conversation.threadId, conversation);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a conversation that never got {@code started}. */
    void unregister(Conversation conversation) {
        lock.lock();
        try {
            conversations.remove(conversation.threadId, conversation);
            unregistered.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sets the shutdown flag and returns the announced conversations. */
    List<Conversation> beginShutdown() {
        lock.lock();
        try {
            shuttingDown = true;
            return conversations.values().stream().filter(c -> c.state() != ConversationState.STARTING).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no conversation is registered, at most until {@code deadline}; {@code true} when none is. */
    boolean awaitNone(Instant deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!conversations.isEmpty()) {
                long left = deadline.toEpochMilli() - clock.millis();
                if (left <= 0) {
                    return false;
                }
                unregistered.await(left, TimeUnit.MILLISECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the conversation running and publishes {@code started}, unless the server is shutting down. */
    boolean announce(Conversation conversation) {
        lock.lock();
        try {
            if (shuttingDown) {
                return false;
            }
            conversation.markRunning(clock.instant());
            history.started(conversation.threadId, conversation);
            notifications.toSubscribers(conversation.threadId, ProtocolRegistry.REALTIME_STARTED,
                    new ThreadRealtimeStartedNotification(conversation.threadId, conversation.realtimeSessionId,
                            RealtimeConversationVersion.valueOf(conversation.version.name())));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The books' part of a conversation's end: its {@code closed} when {@code publishClosed} (the caller claimed
     * the single publication), then removal if it is still current ({@code onRemoved} runs under the lock, so
     * no newer conversation of the thread can slip in between), then {@link Conversation#markClosed}.
     */
    void closed(Conversation conversation, EndReason reason, boolean publishClosed, Runnable onRemoved) {
        lock.lock();
        try {
            if (publishClosed) {
                notifications.toSubscribers(conversation.threadId, ProtocolRegistry.REALTIME_CLOSED,
                        new ThreadRealtimeClosedNotification(conversation.threadId, reason.wireName()));
                history.closed(conversation.threadId, reason, clock.instant());
            }
            if (conversations.remove(conversation.threadId, conversation)) {
                onRemoved.run();
                unregistered.signalAll();
            }
            conversation.markClosed(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Records the error for REST and publishes {@code thread/realtime/error}. */
    void publishError(String threadId, String message) {
        lock.lock();
        try {
            history.error(threadId, message);
            notifications.toSubscribers(threadId, ProtocolRegistry.REALTIME_ERROR,
                    new ThreadRealtimeErrorNotification(threadId, message));
        } finally {
            lock.unlock();
        }
    }

    /** Records an error for REST that was published another way. */
    void recordError(String threadId, String message) {
        lock.lock();
        try {
            history.error(threadId, message);
        } finally {
            lock.unlock();
        }
    }

    /** The realtime state of a thread for REST. */
    RealtimeState state(String threadId, ToIntFunction<String> subscriberCount) {
        lock.lock();
        try {
            return history.state(threadId, conversations.get(threadId), subscriberCount.applyAsInt(threadId));
        } finally {
            lock.unlock();
        }
    }
}
