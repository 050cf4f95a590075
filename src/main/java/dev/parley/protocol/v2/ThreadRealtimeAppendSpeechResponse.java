package dev.parley.protocol.v2;

/** Result of {@code thread/realtime/appendSpeech}. */
public record ThreadRealtimeAppendSpeechResponse() {
}
