package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The role of a text item added to a realtime conversation. */
public enum ConversationTextRole {
    @JsonProperty("user") USER,
    @JsonProperty("developer") DEVELOPER,
    @JsonProperty("assistant") ASSISTANT
}
