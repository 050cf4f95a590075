package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the realtime model answers with. {@code text} needs V2. */
public enum RealtimeOutputModality {
    @JsonProperty("text") TEXT,
    @JsonProperty("audio") AUDIO
}
