package dev.parley.protocol.v2;

/** Result of {@code thread/unsubscribe}. */
public record ThreadUnsubscribeResponse(
        ThreadUnsubscribeStatus status) {
}
