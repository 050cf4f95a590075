package dev.parley.protocol.v2;

/** Result of {@code thread/realtime/stop}. */
public record ThreadRealtimeStopResponse() {
}
