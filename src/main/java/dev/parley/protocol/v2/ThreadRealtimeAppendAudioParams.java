package dev.parley.protocol.v2;

/** Params of {@code thread/realtime/appendAudio} (request or notification). */
public record ThreadRealtimeAppendAudioParams(
        String threadId,
        ThreadRealtimeAudioChunk audio) {
}
