package dev.parley.protocol.v2;

/** A piece of an agent message; the deltas of one item concatenate to its final text. */
public record AgentMessageDeltaNotification(
        String threadId,
        String turnId,
        String itemId,
        String delta) {
}
