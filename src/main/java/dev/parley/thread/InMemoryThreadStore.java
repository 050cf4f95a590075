package dev.parley.thread;

import dev.parley.error.ApiException;
import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnError;
import dev.parley.protocol.v2.TurnItemsView;
import dev.parley.protocol.v2.TurnStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Threads in memory ({@code parley.store.type=memory}): a map by id plus a sorted index for listing. Every
 * write is applied at once, so both durabilities complete immediately; nothing survives the process.
 */
public final class InMemoryThreadStore implements ThreadStore {

    private record SortKey(long createdAt, String id) {
    }

    private static final Comparator<SortKey> NEWEST_FIRST =
            Comparator.comparingLong(SortKey::createdAt).thenComparing(SortKey::id).reversed();
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, ThreadRecord> byId = new ConcurrentHashMap<>();
    private final NavigableMap<SortKey, String> index = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    @Override
    public CompletionStage<Void> insertThread(ThreadRecord thread, Durability durability) {
        if (byId.putIfAbsent(thread.id(), thread) != null) {
            throw new IllegalStateException("duplicate thread id " + thread.id());
        }
        index.put(new SortKey(thread.createdAt(), thread.id()), thread.id());
        return DONE;
    }

    @Override
    public CompletionStage<Void> appendTurn(String threadId, Turn turn, @Nullable String preview, long updatedAt,
            Durability durability) {
        update(threadId, thread -> {
            List<Turn> turns = new ArrayList<>(thread.turns());
            turns.add(turn);
            String nextPreview = thread.preview().isEmpty() && preview != null ? preview : thread.preview();
            return thread.with(turns, nextPreview, updatedAt);
        });
        return DONE;
    }

    @Override
    public CompletionStage<Void> appendItem(String threadId, String turnId, ThreadItem item, Durability durability) {
        updateTurn(threadId, turnId, turn -> withItems(turn, append(turn.items(), item)), null);
        return DONE;
    }

    @Override
    public CompletionStage<Void> completeAgentMessage(String threadId, String turnId, ThreadItem.AgentMessage item,
            Durability durability) {
        updateTurn(threadId, turnId, turn -> withItems(turn, turn.items().stream()
                .map(existing -> existing.id().equals(item.id()) ? item : existing).toList()), null);
        return DONE;
    }

    @Override
    public CompletionStage<Void> endTurn(String threadId, String turnId, TurnStatus status, @Nullable TurnError error,
            long completedAt, long durationMs, long updatedAt, Durability durability) {
        updateTurn(threadId, turnId, turn -> new Turn(turnId, turn.items(), TurnItemsView.FULL, status, error,
                turn.startedAt(), completedAt, durationMs), updatedAt);
        return DONE;
    }

    @Override
    public void awaitDurable(CompletionStage<Void> write) {
        // applied when written
    }

    @Override
    public Optional<ThreadRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<ThreadRecord> findSummary(String id) {
        return find(id).map(ThreadRecord::summary);
    }

    @Override
    public List<ThreadRecord> page(@Nullable String afterId, int limit) {
        NavigableMap<SortKey, String> view = index;
        if (afterId != null) {
            ThreadRecord after = byId.get(afterId);
            if (after == null) {
                return List.of();
            }
            view = index.tailMap(new SortKey(after.createdAt(), after.id()), false);
        }
        List<ThreadRecord> page = new ArrayList<>(Math.min(limit + 1, 128));
        for (String id : view.values()) {
            page.add(byId.get(id).summary());
            if (page.size() > limit) {
                break;
            }
        }
        return page;
    }

    private void update(String id, UnaryOperator<ThreadRecord> change) {
        if (byId.computeIfPresent(id, (key, current) -> change.apply(current)) == null) {
            throw ApiException.threadNotFound(id);
        }
    }

    /** Replaces a turn by id; {@code updatedAt} of the thread too when not {@code null}. */
    private void updateTurn(String threadId, String turnId, UnaryOperator<Turn> change, @Nullable Long updatedAt) {
        update(threadId, thread -> {
            List<Turn> turns = new ArrayList<>(thread.turns());
            int index = turns.size() - 1;
            while (index >= 0 && !turns.get(index).id().equals(turnId)) {
                index--;
            }
            if (index < 0) {
                throw new IllegalStateException("no turn " + turnId + " on thread " + threadId);
            }
            turns.set(index, change.apply(turns.get(index)));
            return thread.with(turns, thread.preview(), updatedAt != null ? updatedAt : thread.updatedAt());
        });
    }

    private static Turn withItems(Turn turn, List<ThreadItem> items) {
        return new Turn(turn.id(), items, turn.itemsView(), turn.status(), turn.error(), turn.startedAt(),
                turn.completedAt(), turn.durationMs());
    }

    private static List<ThreadItem> append(List<ThreadItem> items, ThreadItem item) {
        List<ThreadItem> next = new ArrayList<>(items.size() + 1);
        next.addAll(items);
        next.add(item);
        return next;
    }
}
