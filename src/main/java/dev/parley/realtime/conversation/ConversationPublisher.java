package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.realtime.conversation.ConversationInput.Control;
import dev.parley.protocol.v2.ThreadRealtimeHandoffMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The publisher of one conversation ({@code 04} §12): takes events from the loop in order, routes handoffs
 * (never waiting for the agent), publishes, and finishes the conversation on {@code End}. It never blocks on
 * the loop: an unroutable handoff goes back through the never-blocking control queue.
 */
final class ConversationPublisher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ConversationPublisher.class);

    private final Conversation conversation;
    private final HandoffRouter router;
    private final RealtimeNotifications notifications;
    private final Consumer<Conversation> onEnd;

    /** {@code onEnd} publishes {@code closed} and unregisters the conversation (the manager's business). */
    ConversationPublisher(Conversation conversation, HandoffRouter router, RealtimeNotifications notifications,
            Consumer<Conversation> onEnd) {
        this.conversation = conversation;
        this.router = router;
        this.notifications = notifications;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        MDC.put("threadId", conversation.threadId);
        try {
            while (true) {
                ConversationOutput next = conversation.events.take();
                switch (next) {
                    case ConversationOutput.Publish publish -> {
                        try {
                            if (publish.event() instanceof RealtimeEvent.HandoffRequested handoff) {
                                route(handoff.payload());
                            }
                            notifications.publish(conversation.threadId, conversation.timeline, publish.event(),
                                    publish.nonFatalConflict());
                        } finally {
                            conversation.eventPublished();
                        }
                    }
                    case ConversationOutput.End end -> {
                        onEnd.accept(conversation);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // shutdown: the manager's stop timeout publishes closed if nobody else did
            Thread.currentThread().interrupt();
        } finally {
            MDC.remove("threadId");
        }
    }

    /**
     * Routed before it is published ({@code 04} §13.4); a routed handoff's {@code turnInputAccepted} follows the
     * routing, so the turn's user-message item exists ({@code 09} §3.3).
     */
    private void route(RealtimeHandoffRequested handoff) {
        // the segments since the previous handoff fed this one's transcript delta, routed or not
        List<String> sources = conversation.timeline.takeHandoffSources();
        Optional<String> envelope = DelegationEnvelope.delegationText(handoff);
        if (envelope.isEmpty()) {
            conversation.control(new Control.NotRouted(handoff.handoffId()));
            return;
        }
        HandoffRouter.RouteResult result;
        try {
            result = router.route(conversation.threadId, envelope.get(),
                    new HandoffTag(conversation.token, handoff.handoffId()));
        } catch (RuntimeException e) {
            log.error("routing handoff {} failed", handoff.handoffId(), e);
            result = new HandoffRouter.RouteResult.Rejected("routing failed");
        }
        if (handoff.activeTranscript().isEmpty()) {
            sources = List.of();
        }
        switch (result) {
            case HandoffRouter.RouteResult.Started started -> {
                conversation.counters.handoffRouted();
                conversation.timeline.handoffRouted(handoff.handoffId(), started.turnId(),
                        ThreadRealtimeHandoffMode.START, sources, started.inputItemId(), envelope.get());
            }
            case HandoffRouter.RouteResult.Steered steered -> {
                conversation.counters.handoffRouted();
                conversation.timeline.handoffRouted(handoff.handoffId(), steered.turnId(),
                        ThreadRealtimeHandoffMode.STEER, sources, steered.inputItemId(), envelope.get());
            }
            case HandoffRouter.RouteResult.Rejected rejected -> {
                log.debug("handoff {} not routed: {}", handoff.handoffId(), rejected.reason());
                conversation.control(new Control.NotRouted(handoff.handoffId()));
            }
        }
    }
}
