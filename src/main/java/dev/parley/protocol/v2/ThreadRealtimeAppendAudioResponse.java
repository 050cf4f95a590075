package dev.parley.protocol.v2;

/** Result of {@code thread/realtime/appendAudio}. */
public record ThreadRealtimeAppendAudioResponse() {
}
