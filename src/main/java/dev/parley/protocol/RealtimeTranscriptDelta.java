package dev.parley.protocol;

/** A live transcript piece of the user's or the model's speech. */
public record RealtimeTranscriptDelta(String delta) {
}
