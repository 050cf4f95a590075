package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a thread came from; constant {@code appServer}. */
public enum SessionSource {
    @JsonProperty("appServer") APP_SERVER
}
