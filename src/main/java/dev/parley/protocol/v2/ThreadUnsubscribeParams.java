package dev.parley.protocol.v2;

/** Params of {@code thread/unsubscribe}. */
public record ThreadUnsubscribeParams(
        String threadId) {
}
