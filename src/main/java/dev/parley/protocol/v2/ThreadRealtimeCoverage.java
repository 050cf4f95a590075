package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a {@code thread/realtime/list} answer covers what was asked: {@code pending} (with no data) while the
 * requested position or item is not stored yet. {@code unsupported} is declared by Codex; Parley never sends it.
 */
public enum ThreadRealtimeCoverage {
    @JsonProperty("unsupported") UNSUPPORTED,
    @JsonProperty("pending") PENDING,
    @JsonProperty("ready") READY
}
