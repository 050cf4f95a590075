package dev.parley.protocol.v2;

/** A timeline item is complete and stored; it never changes again. */
public record ThreadRealtimeItemCompletedNotification(
        String threadId,
        ThreadRealtimeItem item) {
}
