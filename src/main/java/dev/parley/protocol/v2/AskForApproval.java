package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The approval policy; constant {@code never} for Codex clients (Parley executes nothing). */
public enum AskForApproval {
    @JsonProperty("never") NEVER
}
