package dev.parley.protocol.v2;

/** An item of a turn completed: the authoritative final item. */
public record ItemCompletedNotification(
        ThreadItem item,
        String threadId,
        String turnId,
        long completedAtMs) {
}
