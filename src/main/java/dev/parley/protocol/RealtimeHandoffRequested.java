package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The voice model asks to hand work off to the agent. {@code active_transcript} holds the transcript
 * entries since the previous handoff.
 */
public record RealtimeHandoffRequested(
        @JsonProperty("handoff_id") String handoffId,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("input_transcript") String inputTranscript,
        @JsonProperty("active_transcript") List<RealtimeTranscriptEntry> activeTranscript) {

    public RealtimeHandoffRequested {
        activeTranscript = List.copyOf(activeTranscript);
    }
}
