package dev.parley.protocol.v2;

/** Result of {@code thread/read}. */
public record ThreadReadResponse(
        Thread thread) {
}
