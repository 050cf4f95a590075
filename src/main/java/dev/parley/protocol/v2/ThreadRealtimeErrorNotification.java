package dev.parley.protocol.v2;

/** A realtime failure: preflight, connect, or an upstream error. */
public record ThreadRealtimeErrorNotification(
        String threadId,
        String message) {
}
