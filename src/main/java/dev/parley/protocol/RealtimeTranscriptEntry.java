package dev.parley.protocol;

/** One entry of the active transcript: a role ({@code user} or {@code assistant}) and its text. */
public record RealtimeTranscriptEntry(String role, String text) {
}
