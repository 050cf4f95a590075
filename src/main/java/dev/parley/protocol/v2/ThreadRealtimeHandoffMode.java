package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a routed handoff started a new turn or steered the running one. */
public enum ThreadRealtimeHandoffMode {
    @JsonProperty("start") START,
    @JsonProperty("steer") STEER
}
