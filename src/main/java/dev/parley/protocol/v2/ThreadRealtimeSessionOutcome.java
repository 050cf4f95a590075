package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a realtime conversation ended in the timeline: {@code failed} for an error (or a process that died). */
public enum ThreadRealtimeSessionOutcome {
    @JsonProperty("ended") ENDED,
    @JsonProperty("failed") FAILED
}
