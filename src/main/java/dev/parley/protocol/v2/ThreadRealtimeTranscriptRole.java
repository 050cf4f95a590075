package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Who spoke a transcript segment of the realtime timeline. */
public enum ThreadRealtimeTranscriptRole {
    @JsonProperty("user") USER,
    @JsonProperty("assistant") ASSISTANT;

    /** The wire value, {@code user} or {@code assistant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
