package dev.parley.thread;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Where threads live. The in-memory implementation is the default; a persistent one (embedded or
 * PostgreSQL) can replace it without touching callers.
 */
public interface ThreadStore {

    /** Adds a new thread. */
    void insert(ThreadRecord thread);

    Optional<ThreadRecord> find(String id);

    /**
     * Replaces a thread atomically with {@code change} applied to its current value.
     *
     * @return the new value, or empty when the thread does not exist
     */
    Optional<ThreadRecord> update(String id, UnaryOperator<ThreadRecord> change);

    /**
     * One page of threads sorted by {@code createdAt} descending, then {@code id} descending.
     *
     * @param afterId the last id of the previous page, or {@code null} for the first page
     * @param limit the page size
     * @return up to {@code limit + 1} threads, so the caller can tell whether another page follows
     */
    List<ThreadRecord> page(@Nullable String afterId, int limit);
}
