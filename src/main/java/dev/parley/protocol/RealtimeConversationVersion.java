package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The upstream realtime protocol: V1 ("quicksilver") or V2 (the OpenAI Realtime GA API). */
public enum RealtimeConversationVersion {
    @JsonProperty("v1") V1,
    @JsonProperty("v2") V2;

    /** The wire value, {@code v1} or {@code v2}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
