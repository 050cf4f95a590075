package dev.parley.protocol.v2;

/** Result of {@code turn/interrupt}, sent once the turn has aborted. */
public record TurnInterruptResponse() {
}
