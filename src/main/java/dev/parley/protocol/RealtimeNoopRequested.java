package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The voice model called {@code remain_silent}: it is acknowledged upstream and nothing is spoken. */
public record RealtimeNoopRequested(
        @JsonProperty("call_id") String callId,
        @JsonProperty("item_id") String itemId) {
}
