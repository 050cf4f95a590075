package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** One chunk of model output audio: base64 PCM16 little-endian with its format. */
public record RealtimeAudioFrame(
        String data,
        @JsonProperty("sample_rate") @Unsigned(32) int sampleRate,
        @JsonProperty("num_channels") @Unsigned(16) int numChannels,
        @JsonProperty("samples_per_channel") @Unsigned(32) @Nullable Integer samplesPerChannel,
        @JsonProperty("item_id") @Nullable String itemId) {
}
