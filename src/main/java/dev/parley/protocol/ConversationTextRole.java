package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The role of a text item added to a realtime conversation; the same role names go upstream. */
public enum ConversationTextRole {
    @JsonProperty("user") USER,
    @JsonProperty("developer") DEVELOPER,
    @JsonProperty("assistant") ASSISTANT;

    /** The wire value, e.g. {@code user}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
