package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What the realtime model answers with. {@code text} needs V2. */
public enum RealtimeOutputModality {
    @JsonProperty("text") TEXT,
    @JsonProperty("audio") AUDIO;

    /** The wire value, {@code text} or {@code audio}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
