package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The order of {@code thread/realtime/list}: by observation time then position (default), or by position. */
public enum ThreadRealtimeOrder {
    @JsonProperty("observedAt") OBSERVED_AT,
    @JsonProperty("position") POSITION
}
