package dev.parley.protocol.v2;

/** Result of {@code turn/start}. */
public record TurnStartResponse(
        Turn turn) {
}
