package dev.parley.protocol.v2;

/** A timeline item began (a transcript segment opens with empty text). */
public record ThreadRealtimeItemStartedNotification(
        String threadId,
        ThreadRealtimeItem item) {
}
