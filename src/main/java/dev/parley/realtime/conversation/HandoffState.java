package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeHandoffRequested;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamMessage;
import dev.parley.realtime.upstream.UpstreamMessage.FunctionCallOutput;
import org.jspecify.annotations.Nullable;

/**
 * The handoff whose answer the conversation is delivering, and how agent output reaches the voice model
 * ({@code 04} §9). Confined to the input loop. The stale guard is the token check on tags: output of a turn
 * that no handoff of this conversation reached is dropped.
 */
final class HandoffState {

    private final RealtimeConversationVersion version;
    private final ConversationToken token;
    private final UpstreamWriter writer;
    private final @Nullable ResponseCreateArbiter arbiter;
    private final boolean clientManaged;
    private @Nullable String activeHandoff;
    private boolean progressSent;

    /**
     * {@code arbiter} is {@code null} for V1, which never sends {@code response.create}. {@code clientManaged}
     * ({@code clientManagedHandoffs}, {@code 09} §1): the handoffs are tracked as usual, but nothing of the agent's
     * work is written upstream (no progress, no acknowledgement, no {@code response.create}, no V1 append).
     */
    HandoffState(RealtimeConversationVersion version, ConversationToken token, UpstreamWriter writer,
            @Nullable ResponseCreateArbiter arbiter, boolean clientManaged) {
        this.clientManaged = clientManaged;
        this.version = version;
        this.token = token;
        this.writer = writer;
        this.arbiter = arbiter;
    }

    /**
     * A V1 handoff: it becomes active at once and replaces any previous one (V1 has no steering
     * acknowledgement).
     */
    void onV1Handoff(RealtimeHandoffRequested handoff) {
        activeHandoff = handoff.handoffId();
        progressSent = false;
    }

    /**
     * A V2 {@code background_agent} call: it becomes active, or, while another call is active, it is answered
     * at once with the steering acknowledgement (its envelope still steers the running turn) and agent output
     * keeps flowing to the older call.
     */
    void onV2Handoff(RealtimeHandoffRequested handoff) throws UpstreamException, InterruptedException {
        if (activeHandoff != null) {
            if (clientManaged) {
                return;
            }
            writer.send(new FunctionCallOutput(handoff.handoffId(), FunctionCallOutput.STEERED));
            requireArbiter().request("handoff steering");
            return;
        }
        activeHandoff = handoff.handoffId();
        progressSent = false;
    }

    /** V2 {@code remain_silent}: an empty output so the model's call is answered, and no response. */
    void onNoop(String callId) throws UpstreamException, InterruptedException {
        writer.send(new FunctionCallOutput(callId, FunctionCallOutput.SILENT));
    }

    /** A completed agent message: mirrored only while a handoff is active and only for this conversation's turns. */
    void onAgentMessage(AgentReport.AgentMessage message) throws UpstreamException, InterruptedException {
        if (clientManaged || message.text().strip().isEmpty() || activeHandoff == null || !carriesOwnToken(message)) {
            return;
        }
        if (version == RealtimeConversationVersion.V1) {
            writer.send(UpstreamMessage.HandoffAppend.agentFinalMessage(activeHandoff, message.text()));
        } else {
            writer.send(UpstreamMessage.TextItem.backend(message.text()));
            progressSent = true;
        }
    }

    /** Only the end of a turn that received the active handoff finalises it. */
    void onTurnEnded(AgentReport.TurnEnded ended) throws UpstreamException, InterruptedException {
        if (activeHandoff != null && ended.tags().contains(new HandoffTag(token, activeHandoff))) {
            finish();
        }
    }

    /** The publisher could not route a handoff: if it is the active one, it is answered at once. */
    void onNotRouted(String handoffId) throws UpstreamException, InterruptedException {
        if (handoffId.equals(activeHandoff)) {
            finish();
        }
    }

    private void finish() throws UpstreamException, InterruptedException {
        if (version == RealtimeConversationVersion.V2 && !clientManaged) {
            // Parley always answers the call: without an output the voice model would wait on it forever.
            String output = progressSent ? FunctionCallOutput.AGENT_FINISHED
                    : FunctionCallOutput.AGENT_FINISHED_WITHOUT_MESSAGE;
            writer.send(new FunctionCallOutput(activeHandoff, output));
            requireArbiter().request("handoff");
        }
        activeHandoff = null;
        progressSent = false;
    }

    private boolean carriesOwnToken(AgentReport report) {
        return report.tags().stream().anyMatch(tag -> tag.token() == token);
    }

    private ResponseCreateArbiter requireArbiter() {
        if (arbiter == null) {
            throw new IllegalStateException("V2 handoff state without a response-create arbiter");
        }
        return arbiter;
    }
}
