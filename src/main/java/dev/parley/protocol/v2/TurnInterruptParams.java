package dev.parley.protocol.v2;

/** Params of {@code turn/interrupt}. */
public record TurnInterruptParams(
        String threadId,
        String turnId) {
}
