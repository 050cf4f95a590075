package dev.parley.realtime.conversation;

/**
 * Attached by the turn layer to the turn that received a routed handoff ({@code 04} §9.1). The turn layer never
 * looks inside: it records the tag on that turn and hands it back in every {@link AgentReport} of the turn. The
 * conversation only acts on agent reports whose tags carry its own token, which is how it recognises its own
 * turns.
 *
 * @param token     the conversation that routed the handoff
 * @param handoffId the V1 handoff id or V2 call id
 */
public record HandoffTag(ConversationToken token, String handoffId) {
}
