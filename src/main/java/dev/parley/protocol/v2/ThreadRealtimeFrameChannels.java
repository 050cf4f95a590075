package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The payloads of a stored frame, at most one per channel; Parley's frames carry only {@code voice_transcript}. */
public record ThreadRealtimeFrameChannels(
        @JsonProperty("voice_transcript") ThreadRealtimeVoiceTranscript voiceTranscript) {
}
