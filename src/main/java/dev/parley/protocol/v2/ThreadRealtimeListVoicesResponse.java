package dev.parley.protocol.v2;

import dev.parley.protocol.RealtimeVoicesList;

/** Result of {@code thread/realtime/listVoices}. */
public record ThreadRealtimeListVoicesResponse(
        RealtimeVoicesList voices) {
}
