package dev.parley.turn;

import dev.parley.protocol.v2.TurnStatus;
import java.util.Set;

/**
 * What the turn layer tells realtime conversations about a turn that carries handoff tags
 * ({@code 04} §9.4, §9.5). Turns without tags (typed {@code turn/start} turns) are never reported.
 */
public sealed interface TurnReport {

    String threadId();

    String turnId();

    /** The turn's tags when the report was made (a steer may add one later); never empty. */
    Set<HandoffTag> tags();

    /** An agent message item completed ({@code item/completed}), with its final text (possibly empty). */
    record AgentMessage(String threadId, String turnId, Set<HandoffTag> tags, String text) implements TurnReport {
        public AgentMessage {
            tags = Set.copyOf(tags);
        }
    }

    /** The turn ended with any of {@code completed}, {@code interrupted} or {@code failed}. */
    record TurnEnded(String threadId, String turnId, TurnStatus status, Set<HandoffTag> tags) implements TurnReport {
        public TurnEnded {
            tags = Set.copyOf(tags);
        }
    }
}
