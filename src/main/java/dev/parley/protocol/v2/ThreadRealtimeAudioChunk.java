package dev.parley.protocol.v2;

import dev.parley.protocol.Unsigned;
import org.jspecify.annotations.Nullable;

/** Base64 PCM16 little-endian audio with its format, as clients send it and receive model audio. */
public record ThreadRealtimeAudioChunk(
        String data,
        @Unsigned(32) int sampleRate,
        @Unsigned(16) int numChannels,
        @Unsigned(32) @Nullable Integer samplesPerChannel,
        @Nullable String itemId) {
}
