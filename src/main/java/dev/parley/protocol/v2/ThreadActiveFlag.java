package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an active thread waits; typed for Codex compatibility, Parley always sends none. */
public enum ThreadActiveFlag {
    @JsonProperty("waitingOnApproval") WAITING_ON_APPROVAL,
    @JsonProperty("waitingOnUserInput") WAITING_ON_USER_INPUT
}
