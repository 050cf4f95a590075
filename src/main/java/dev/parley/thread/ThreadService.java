package dev.parley.thread;

import dev.parley.error.ApiException;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.ApprovalsReviewer;
import dev.parley.protocol.v2.AskForApproval;
import dev.parley.protocol.v2.SandboxPolicy;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadListResponse;
import dev.parley.protocol.v2.ThreadResumeResponse;
import dev.parley.protocol.v2.ThreadStartParams;
import dev.parley.protocol.v2.ThreadStartResponse;
import dev.parley.protocol.v2.ThreadStartedNotification;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.thread.ThreadStore.Durability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Creates, finds and lists threads. Shared by the JSON-RPC handlers and the REST controllers, so both
 * behave alike and emit the same notifications.
 */
public final class ThreadService {

    /** Default page size of {@code thread/list}. */
    public static final int DEFAULT_PAGE_SIZE = 25;
    /** Largest page size of {@code thread/list}; bigger limits are capped. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Longest preview, in characters ({@code 02} §5.1). */
    public static final int PREVIEW_LENGTH = 200;

    private static final SandboxPolicy SANDBOX = new SandboxPolicy.ReadOnly(false);

    private final ThreadStore store;
    private final NotificationPublisher notifications;
    private final Clock clock;
    private final String version;
    private final String modelProvider;
    private final String defaultModel;
    private final Set<String> knownThreads = ConcurrentHashMap.newKeySet();

    public ThreadService(ThreadStore store, NotificationPublisher notifications, Clock clock, String version,
            String modelProvider, String defaultModel) {
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
        this.version = version;
        this.modelProvider = modelProvider;
        this.defaultModel = defaultModel;
    }

    /** Parley's version, as reported in {@code cliVersion} and {@code userAgent}. */
    public String version() {
        return version;
    }

    /** Creates a thread, durably. The caller answers its request, then calls {@link #announceStarted}. */
    public ThreadRecord start(ThreadStartParams params) {
        // createdAt comes from the id, so listing by (createdAt, id) is listing in creation order
        java.util.UUID id = UuidV7.at(clock.millis());
        long now = UuidV7.epochMillis(id) / 1000;
        ThreadRecord thread = new ThreadRecord(id.toString(), now, now, "", Boolean.TRUE.equals(params.ephemeral()),
                modelProvider, blankToDefault(params.model(), defaultModel), params.baseInstructions(),
                Objects.requireNonNullElse(params.cwd(), ""), params.name(), List.of());
        store.insertThread(thread, Durability.NOW);
        knownThreads.add(thread.id());
        return thread;
    }

    /** Broadcasts {@code thread/started} to every initialized connection. */
    public void announceStarted(ThreadRecord thread) {
        notifications.broadcast(ProtocolRegistry.THREAD_STARTED,
                new ThreadStartedNotification(thread.toProtocol(version, false)));
    }

    /** The thread with its turns, or {@code thread not found: <id>} (also for ids that are not UUIDs). */
    public ThreadRecord require(String threadId) {
        return store.find(threadId).orElseThrow(() -> ApiException.threadNotFound(threadId));
    }

    /** The thread without its turns (cheaper when they are not shown), or {@code thread not found: <id>}. */
    public ThreadRecord requireSummary(String threadId) {
        return store.findSummary(threadId).orElseThrow(() -> ApiException.threadNotFound(threadId));
    }

    /** The wire form of {@code thread/read}: turns are read from the store only when they are shown. */
    public dev.parley.protocol.v2.Thread read(String threadId, boolean includeTurns) {
        return (includeTurns ? require(threadId) : requireSummary(threadId)).toProtocol(version, includeTurns);
    }

    /**
     * Whether the thread exists. Threads are never deleted, so a thread seen once is remembered: the realtime
     * handoff path asks this and must not wait for the store.
     */
    public boolean exists(String threadId) {
        if (knownThreads.contains(threadId)) {
            return true;
        }
        boolean found = store.findSummary(threadId).isPresent();
        if (found) {
            knownThreads.add(threadId);
        }
        return found;
    }

    public ThreadStartResponse startResponse(ThreadRecord thread) {
        return new ThreadStartResponse(thread.toProtocol(version, false), thread.model(), thread.modelProvider(),
                thread.cwd(), AskForApproval.NEVER, ApprovalsReviewer.USER, SANDBOX);
    }

    public ThreadResumeResponse resumeResponse(ThreadRecord thread) {
        return new ThreadResumeResponse(thread.toProtocol(version, true), thread.model(), thread.modelProvider(),
                thread.cwd(), AskForApproval.NEVER, ApprovalsReviewer.USER, SANDBOX);
    }

    /**
     * Appends a new turn to a thread and sets {@code updatedAt} to its start.
     *
     * @param preview the text that becomes the thread's preview if it has none yet (cut to
     *     {@value #PREVIEW_LENGTH} characters); {@code null} for turns that never set it (delegated turns)
     * @return the stage that completes when the write is durable (at once for {@link Durability#NOW})
     */
    public CompletionStage<Void> addTurn(String threadId, Turn turn, @Nullable String preview, Durability durability) {
        long now = turn.startedAt() != null ? turn.startedAt() : clock.millis() / 1000;
        return store.appendTurn(threadId, turn, preview == null ? null : cut(preview), now, durability);
    }

    /** Appends an item to a turn. */
    public CompletionStage<Void> addItem(String threadId, String turnId, ThreadItem item, Durability durability) {
        return store.appendItem(threadId, turnId, item, durability);
    }

    /** Stores an agent message's final text. */
    public CompletionStage<Void> completeAgentMessage(String threadId, String turnId, ThreadItem.AgentMessage item,
            Durability durability) {
        return store.completeAgentMessage(threadId, turnId, item, durability);
    }

    /** Stores a turn's end; the thread's {@code updatedAt} becomes the turn's {@code completedAt}. */
    public CompletionStage<Void> endTurn(String threadId, String turnId, TurnStatus status, @Nullable TurnError error,
            long completedAt, long durationMs, Durability durability) {
        return store.endTurn(threadId, turnId, status, error, completedAt, durationMs, completedAt, durability);
    }

    /** Waits until a queued write is durable; {@code store unavailable: …} while the store is down. */
    public void awaitDurable(CompletionStage<Void> write) {
        store.awaitDurable(write);
    }

    private static String cut(String preview) {
        if (preview.length() <= PREVIEW_LENGTH) {
            return preview;
        }
        // never split a surrogate pair: a preview must stay valid UTF-16
        int end = Character.isHighSurrogate(preview.charAt(PREVIEW_LENGTH - 1)) ? PREVIEW_LENGTH - 1 : PREVIEW_LENGTH;
        return preview.substring(0, end);
    }

    /**
     * One page of threads, newest first.
     *
     * @param cursor a {@code nextCursor} this server issued, or {@code null} for the first page
     * @param limit page size, {@code null} for the default; at least 1, capped at {@value #MAX_PAGE_SIZE}
     */
    public ThreadListResponse list(@Nullable String cursor, @Nullable Integer limit) {
        if (limit != null && limit < 1) {
            throw ApiException.invalidParams("invalid value for limit: must be at least 1");
        }
        int size = limit == null ? DEFAULT_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
        String afterId = cursor == null ? null : decodeCursor(cursor);
        List<ThreadRecord> page = store.page(afterId, size);
        boolean more = page.size() > size;
        List<ThreadRecord> shown = more ? page.subList(0, size) : page;
        String next = more ? encodeCursor(shown.getLast().id()) : null;
        return new ThreadListResponse(shown.stream().map(t -> t.toProtocol(version, false)).toList(), next);
    }

    private @Nullable String decodeCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (exists(id)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through to the same error as an unknown id
        }
        throw ApiException.invalidParams("invalid value for cursor: unknown cursor");
    }

    private static String encodeCursor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String blankToDefault(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
