package dev.parley.protocol.v2;

/** A turn started. */
public record TurnStartedNotification(
        String threadId,
        Turn turn) {
}
