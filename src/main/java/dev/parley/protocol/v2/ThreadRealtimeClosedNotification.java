package dev.parley.protocol.v2;

/**
 * The last realtime notification of a conversation; {@code reason} is requested, transport_closed, error, replaced,
 * orphaned or shutdown (the server is shutting down).
 */
public record ThreadRealtimeClosedNotification(
        String threadId,
        String reason) {
}
