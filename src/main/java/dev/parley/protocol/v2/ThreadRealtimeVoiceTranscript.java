package dev.parley.protocol.v2;

/** The {@code voice_transcript} channel of a stored frame: one sealed transcript segment. */
public record ThreadRealtimeVoiceTranscript(
        ThreadRealtimeTranscriptRole role,
        String text) {
}
