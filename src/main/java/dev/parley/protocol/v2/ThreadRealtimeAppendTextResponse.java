package dev.parley.protocol.v2;

/** Result of {@code thread/realtime/appendText}. */
public record ThreadRealtimeAppendTextResponse() {
}
