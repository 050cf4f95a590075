package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.TurnStatus;
import java.util.Set;

/**
 * What the turn layer reports about a turn that carries at least one {@link HandoffTag} ({@code 05} §4).
 * Turns without tags report nothing: typed input and its answers are never mirrored into realtime.
 */
public sealed interface AgentReport {

    /** The tags of the turn; the conversations they name receive the report. */
    Set<HandoffTag> tags();

    /** One completed agent message of the turn. */
    record AgentMessage(String turnId, Set<HandoffTag> tags, String text) implements AgentReport {
        public AgentMessage {
            tags = Set.copyOf(tags);
        }
    }

    /** The turn ended, whatever its status. */
    record TurnEnded(String turnId, TurnStatus status, Set<HandoffTag> tags) implements AgentReport {
        public TurnEnded {
            tags = Set.copyOf(tags);
        }
    }
}
