package dev.parley.turn;

/**
 * Marks a turn as working for one realtime handoff ({@code 04} §9.1). The turn layer never looks inside:
 * it records the tag on the turn that received the handoff's input and hands it back in every
 * {@link TurnReport} of that turn.
 *
 * @param conversationToken identity of the conversation that routed the handoff (compared with
 *     {@code equals}; a plain {@code new Object()} per conversation gives identity semantics)
 * @param handoffId the upstream handoff id ({@code handoff_id} on V1, {@code call_id} on V2)
 */
public record HandoffTag(Object conversationToken, String handoffId) {
}
