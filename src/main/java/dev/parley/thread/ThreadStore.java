package dev.parley.thread;

import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Where threads, their turns and the turns' items live. Writes are fine-grained (a new turn, a new item, an
 * item's final text, a turn's end) so a database store writes rows, never whole threads.
 *
 * <p>Every write names its {@link Durability}: {@link Durability#NOW} for the writes a request answers
 * after ({@code thread/start}, {@code turn/start}, {@code turn/steer}); {@link Durability#QUEUED} for the
 * notification path (agent items, a turn's end), which must never wait for the database. Reads see every
 * write made before them, queued or not.
 *
 * <p>Failures: a store that cannot be reached or written answers {@code store unavailable: <reason>}
 * ({@link dev.parley.error.ErrorKind#STORE_UNAVAILABLE}) from reads and from {@code NOW} writes; a
 * {@code NOW} write that fails is not applied. {@code QUEUED} writes are retried until the store is back.
 */
public interface ThreadStore {

    /** How a write relates to its caller. */
    enum Durability {
        /** Durable when the call returns; otherwise it throws and nothing was written. */
        NOW,
        /** Queued behind earlier writes; the returned stage completes once it is durable. */
        QUEUED
    }

    CompletionStage<Void> insertThread(ThreadRecord thread, Durability durability);

    /**
     * Appends a turn (with its items) as the thread's newest, sets {@code updatedAt}, and the preview when
     * the thread has none yet and {@code preview} is not {@code null}.
     */
    CompletionStage<Void> appendTurn(String threadId, Turn turn, @Nullable String preview, long updatedAt,
            Durability durability);

    /** Appends an item to a turn, after its earlier items. */
    CompletionStage<Void> appendItem(String threadId, String turnId, ThreadItem item, Durability durability);

    /** Replaces an agent message of a turn (same id) with its final form. */
    CompletionStage<Void> completeAgentMessage(String threadId, String turnId, ThreadItem.AgentMessage item,
            Durability durability);

    /** Records the end of a turn and sets the thread's {@code updatedAt}. */
    CompletionStage<Void> endTurn(String threadId, String turnId, TurnStatus status, @Nullable TurnError error,
            long completedAt, long durationMs, long updatedAt, Durability durability);

    /**
     * Waits until a {@link Durability#QUEUED} write is durable.
     *
     * @throws dev.parley.error.ApiException {@code store unavailable: …} while the store cannot be written (the
     *     write stays queued)
     */
    void awaitDurable(CompletionStage<Void> write);

    /** The thread with every turn and item. */
    Optional<ThreadRecord> find(String id);

    /** The thread without its turns ({@link ThreadRecord#turns()} empty; the status is still right). */
    Optional<ThreadRecord> findSummary(String id);

    /**
     * One page of thread summaries sorted by {@code createdAt} descending, then {@code id} descending.
     *
     * @param afterId the last id of the previous page, or {@code null} for the first page
     * @param limit the page size
     * @return up to {@code limit + 1} threads, so the caller can tell whether another page follows
     */
    List<ThreadRecord> page(@Nullable String afterId, int limit);
}
