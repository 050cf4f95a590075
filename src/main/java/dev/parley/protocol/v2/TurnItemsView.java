package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much of a turn's items a {@link Turn} carries. */
public enum TurnItemsView {
    @JsonProperty("notLoaded") NOT_LOADED,
    @JsonProperty("summary") SUMMARY,
    @JsonProperty("full") FULL
}
