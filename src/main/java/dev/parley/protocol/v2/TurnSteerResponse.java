package dev.parley.protocol.v2;

/** Result of {@code turn/steer}. */
public record TurnSteerResponse(
        String turnId) {
}
