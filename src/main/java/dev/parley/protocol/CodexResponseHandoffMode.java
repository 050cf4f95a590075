package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Codex's routing of automatic agent responses in its V3 sessions; accepted on start and ignored by Parley. */
public enum CodexResponseHandoffMode {
    @JsonProperty("thinking") THINKING,
    @JsonProperty("commentary") COMMENTARY,
    @JsonProperty("bemTags") BEM_TAGS
}
