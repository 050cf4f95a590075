package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of {@code thread/unsubscribe}. */
public enum ThreadUnsubscribeStatus {
    @JsonProperty("unsubscribed") UNSUBSCRIBED,
    @JsonProperty("notSubscribed") NOT_SUBSCRIBED
}
