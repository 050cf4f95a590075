package dev.parley.turn;

import dev.parley.realtime.conversation.AgentReport;
import dev.parley.realtime.conversation.AgentReportSink;
import dev.parley.realtime.conversation.ConversationToken;
import dev.parley.realtime.conversation.HandoffRouter;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Where voice handoffs meet agent turns ({@code 04} §12, {@code 05} §4). As the conversations'
 * {@link HandoffRouter} it routes each delegation envelope into a turn (start or steer) with the
 * conversation's tag; as a {@link TurnObserver} it hands the agent messages and the end of every tagged turn
 * back to the conversation manager, which delivers them to the conversations named by the tags.
 *
 * <p>Both sides keep their own tag type so that neither package depends on the other's internals; this
 * class is the only place that knows both.
 */
public final class RealtimeHandoffBridge implements HandoffRouter, TurnObserver {

    private final TurnRouter turns;
    private final ObjectProvider<AgentReportSink> conversations;

    /** {@code conversations} is looked up lazily: the manager itself depends on this router. */
    public RealtimeHandoffBridge(TurnRouter turns, ObjectProvider<AgentReportSink> conversations) {
        this.turns = turns;
        this.conversations = conversations;
    }

    @Override
    public HandoffRouter.RouteResult route(String threadId, String envelopeText,
            dev.parley.realtime.conversation.HandoffTag tag) {
        return switch (turns.route(threadId, envelopeText, new HandoffTag(tag.token(), tag.handoffId()))) {
            // the turn layer's own result type (HandoffRouter's nested RouteResult shadows the simple name here)
            case dev.parley.turn.RouteResult.Started started -> new HandoffRouter.RouteResult.Started(started.turnId(),
                    started.inputItemId());
            case dev.parley.turn.RouteResult.Steered steered -> new HandoffRouter.RouteResult.Steered(steered.turnId(),
                    steered.inputItemId());
            case dev.parley.turn.RouteResult.Rejected rejected -> new HandoffRouter.RouteResult.Rejected();
        };
    }

    @Override
    public void report(TurnReport report) {
        Set<dev.parley.realtime.conversation.HandoffTag> tags = report.tags().stream()
                .filter(tag -> tag.conversationToken() instanceof ConversationToken)
                .map(tag -> new dev.parley.realtime.conversation.HandoffTag(
                        (ConversationToken) tag.conversationToken(), tag.handoffId()))
                .collect(Collectors.toUnmodifiableSet());
        if (tags.isEmpty()) {
            return;
        }
        AgentReport converted = switch (report) {
            case TurnReport.AgentMessage message -> new AgentReport.AgentMessage(message.turnId(), tags, message.text());
            case TurnReport.TurnEnded ended -> new AgentReport.TurnEnded(ended.turnId(), ended.status(), tags);
        };
        conversations.getObject().report(converted);
    }
}
