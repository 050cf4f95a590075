package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who reviews approvals; constant {@code user} for Codex clients (Parley never asks for approval). */
public enum ApprovalsReviewer {
    @JsonProperty("user") USER
}
