package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The upstream reports a model response done; the id is absent when the upstream did not send one. */
public record RealtimeResponseDone(@JsonProperty("response_id") @Nullable String responseId) {
}
