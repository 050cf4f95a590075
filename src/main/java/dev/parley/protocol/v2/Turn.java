package dev.parley.protocol.v2;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A turn of a thread: user input and the agent's answers. */
public record Turn(
        String id,
        List<ThreadItem> items,
        TurnItemsView itemsView,
        TurnStatus status,
        @Nullable TurnError error,
        @Nullable Long startedAt,
        @Nullable Long completedAt,
        @Nullable Long durationMs) {

    public Turn {
        items = List.copyOf(items);
    }
}
