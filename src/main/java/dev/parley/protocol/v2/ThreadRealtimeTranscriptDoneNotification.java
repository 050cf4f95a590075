package dev.parley.protocol.v2;

/** The final text of one transcript part; it replaces that part's deltas. */
public record ThreadRealtimeTranscriptDoneNotification(
        String threadId,
        String role,
        String text) {
}
