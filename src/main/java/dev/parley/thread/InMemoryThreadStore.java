package dev.parley.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Threads in memory: a map by id plus a sorted index for listing. Parley never unloads threads. */
public final class InMemoryThreadStore implements ThreadStore {

    private record SortKey(long createdAt, String id) {
    }

    private static final Comparator<SortKey> NEWEST_FIRST =
            Comparator.comparingLong(SortKey::createdAt).thenComparing(SortKey::id).reversed();

    private final Map<String, ThreadRecord> byId = new ConcurrentHashMap<>();
    private final NavigableMap<SortKey, String> index = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    @Override
    public void insert(ThreadRecord thread) {
        if (byId.putIfAbsent(thread.id(), thread) != null) {
            throw new IllegalStateException("duplicate thread id " + thread.id());
        }
        index.put(new SortKey(thread.createdAt(), thread.id()), thread.id());
    }

    @Override
    public Optional<ThreadRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<ThreadRecord> update(String id, UnaryOperator<ThreadRecord> change) {
        return Optional.ofNullable(byId.computeIfPresent(id, (key, current) -> {
            ThreadRecord next = change.apply(current);
            if (!next.id().equals(id) || next.createdAt() != current.createdAt()) {
                throw new IllegalArgumentException("a thread's id and createdAt never change");
            }
            return next;
        }));
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
            page.add(byId.get(id));
            if (page.size() > limit) {
                break;
            }
        }
        return page;
    }
}
