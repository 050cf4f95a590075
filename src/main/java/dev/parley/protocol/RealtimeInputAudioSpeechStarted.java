package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The upstream detected the start of user speech (barge-in point). */
public record RealtimeInputAudioSpeechStarted(@JsonProperty("item_id") @Nullable String itemId) {
}
