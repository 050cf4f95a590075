package dev.parley.protocol.v2;

/** Broadcast after a thread was created. */
public record ThreadStartedNotification(
        Thread thread) {
}
