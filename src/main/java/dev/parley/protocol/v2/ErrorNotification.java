package dev.parley.protocol.v2;

/** An error about a turn (or a failed notification-form append); {@code willRetry} is always false. */
public record ErrorNotification(
        TurnError error,
        boolean willRetry,
        String threadId,
        String turnId) {
}
