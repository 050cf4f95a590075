package dev.parley.protocol.v2;

/** Broadcast when a turn starts or ends. */
public record ThreadStatusChangedNotification(
        String threadId,
        ThreadStatus status) {
}
