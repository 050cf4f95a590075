package dev.parley.protocol.v2;

/** A turn ended; the last notification of a turn apart from the status broadcast. */
public record TurnCompletedNotification(
        String threadId,
        Turn turn) {
}
