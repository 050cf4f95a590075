package dev.parley.thread;

import dev.parley.error.ApiException;
import dev.parley.protocol.ProtocolRegistry;
import dev.parley.protocol.v2.ApprovalsReviewer;
import dev.parley.protocol.v2.AskForApproval;
import dev.parley.protocol.v2.SandboxPolicy;
import dev.parley.protocol.v2.ThreadListResponse;
import dev.parley.protocol.v2.ThreadResumeResponse;
import dev.parley.protocol.v2.ThreadStartParams;
import dev.parley.protocol.v2.ThreadStartResponse;
import dev.parley.protocol.v2.ThreadStartedNotification;
import dev.parley.protocol.v2.Turn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
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

    /** Creates a thread. The caller answers its request, then calls {@link #announceStarted}. */
    public ThreadRecord start(ThreadStartParams params) {
        // createdAt comes from the id, so listing by (createdAt, id) is listing in creation order
        java.util.UUID id = UuidV7.at(clock.millis());
        long now = UuidV7.epochMillis(id) / 1000;
        ThreadRecord thread = new ThreadRecord(id.toString(), now, now, "", Boolean.TRUE.equals(params.ephemeral()),
                modelProvider, blankToDefault(params.model(), defaultModel), params.baseInstructions(),
                Objects.requireNonNullElse(params.cwd(), ""), params.name(), List.of());
        store.insert(thread);
        return thread;
    }

    /** Broadcasts {@code thread/started} to every initialized connection. */
    public void announceStarted(ThreadRecord thread) {
        notifications.broadcast(ProtocolRegistry.THREAD_STARTED,
                new ThreadStartedNotification(thread.toProtocol(version, false)));
    }

    /** The thread, or {@code thread not found: <id>} (also for ids that are not UUIDs). */
    public ThreadRecord require(String threadId) {
        return store.find(threadId).orElseThrow(() -> ApiException.threadNotFound(threadId));
    }

    public boolean exists(String threadId) {
        return store.find(threadId).isPresent();
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
     * @return the thread as stored
     */
    public ThreadRecord addTurn(String threadId, Turn turn, @Nullable String preview) {
        long now = turn.startedAt() != null ? turn.startedAt() : clock.millis() / 1000;
        return store.update(threadId, thread -> {
            List<Turn> turns = new ArrayList<>(thread.turns());
            turns.add(turn);
            String nextPreview = thread.preview().isEmpty() && preview != null ? cut(preview) : thread.preview();
            return thread.with(turns, nextPreview, now);
        }).orElseThrow(() -> ApiException.threadNotFound(threadId));
    }

    /**
     * Replaces a turn of a thread by id with {@code change} applied to it.
     *
     * @param touch whether this counts as an update of the thread ({@code updatedAt}: a turn completing, at
     *     its {@code completedAt})
     * @return the turn as stored
     */
    public Turn updateTurn(String threadId, String turnId, UnaryOperator<Turn> change, boolean touch) {
        Turn[] updated = new Turn[1];
        store.update(threadId, thread -> {
            List<Turn> turns = new ArrayList<>(thread.turns());
            int index = turns.size() - 1;
            while (index >= 0 && !turns.get(index).id().equals(turnId)) {
                index--;
            }
            if (index < 0) {
                throw new IllegalStateException("no turn " + turnId + " on thread " + threadId);
            }
            updated[0] = change.apply(turns.get(index));
            turns.set(index, updated[0]);
            Long completedAt = updated[0].completedAt();
            long updatedAt = !touch ? thread.updatedAt() : completedAt != null ? completedAt : clock.millis() / 1000;
            return thread.with(turns, thread.preview(), updatedAt);
        }).orElseThrow(() -> ApiException.threadNotFound(threadId));
        return updated[0];
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
            if (store.find(id).isPresent()) {
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
