package dev.parley.protocol.v2;

/** A live transcript piece; {@code role} is {@code user} or {@code assistant}. */
public record ThreadRealtimeTranscriptDeltaNotification(
        String threadId,
        String role,
        String delta) {
}
