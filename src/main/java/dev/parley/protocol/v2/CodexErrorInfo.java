package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The class of a failure, as Codex clients know it. */
public enum CodexErrorInfo {
    @JsonProperty("badRequest") BAD_REQUEST,
    @JsonProperty("unauthorized") UNAUTHORIZED,
    @JsonProperty("usageLimitExceeded") USAGE_LIMIT_EXCEEDED,
    @JsonProperty("serverOverloaded") SERVER_OVERLOADED,
    @JsonProperty("internalServerError") INTERNAL_SERVER_ERROR,
    @JsonProperty("other") OTHER
}
