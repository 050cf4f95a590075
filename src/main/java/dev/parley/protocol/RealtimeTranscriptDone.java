package dev.parley.protocol;

/** The final text of one transcript part; it replaces the deltas of that part. */
public record RealtimeTranscriptDone(String text) {
}
