package dev.parley.protocol;

/** Result of {@code initialize}. */
public record InitializeResponse(String userAgent, String platformFamily, String platformOs) {
}
