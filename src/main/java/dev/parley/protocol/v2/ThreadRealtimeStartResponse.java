package dev.parley.protocol.v2;

/** Result of {@code thread/realtime/start}: the start was accepted, nothing more. */
public record ThreadRealtimeStartResponse() {
}
