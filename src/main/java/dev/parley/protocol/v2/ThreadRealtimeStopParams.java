package dev.parley.protocol.v2;

/** Params of {@code thread/realtime/stop}. */
public record ThreadRealtimeStopParams(
        String threadId) {
}
