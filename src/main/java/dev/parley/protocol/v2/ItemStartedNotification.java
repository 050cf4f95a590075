package dev.parley.protocol.v2;

/** An item of a turn started. */
public record ItemStartedNotification(
        ThreadItem item,
        String threadId,
        String turnId,
        long startedAtMs) {
}
