package dev.parley.protocol.v2;

/** Model output audio. */
public record ThreadRealtimeOutputAudioDeltaNotification(
        String threadId,
        ThreadRealtimeAudioChunk audio) {
}
