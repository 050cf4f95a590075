package dev.parley.protocol.v2;

/** Params of {@code thread/realtime/listVoices}: none. */
public record ThreadRealtimeListVoicesParams() {
}
