package dev.parley.protocol.v2;

/** Text appended to the open transcript segment {@code itemId}. */
public record ThreadRealtimeItemTranscriptDeltaNotification(
        String threadId,
        String itemId,
        String delta) {
}
