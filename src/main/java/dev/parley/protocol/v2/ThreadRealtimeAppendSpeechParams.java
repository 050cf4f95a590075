package dev.parley.protocol.v2;

/** Params of {@code thread/realtime/appendSpeech}: text the realtime model should speak. */
public record ThreadRealtimeAppendSpeechParams(
        String threadId,
        String text) {
}
