package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state of a turn. */
public enum TurnStatus {
    @JsonProperty("inProgress") IN_PROGRESS,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("interrupted") INTERRUPTED,
    @JsonProperty("failed") FAILED
}
