package dev.parley.realtime.conversation;

import dev.parley.protocol.v2.ThreadItem;
import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.protocol.v2.Turn;
import dev.parley.protocol.v2.TurnStatus;
import dev.parley.protocol.v2.UserInput;
import dev.parley.realtime.upstream.RealtimeInstructions;
import dev.parley.realtime.upstream.StartupContext;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamPreflight;
import dev.parley.realtime.upstream.UpstreamSessionConfig;
import dev.parley.thread.ThreadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Step 2 of a start ({@code 04} §3.1): resolves the start params against the server defaults and the thread's
 * history into an upstream session config, or fails with the exact preflight message. No side effects.
 */
final class RealtimeStartPreflight {

    private final UpstreamPreflight preflight;
    private final Supplier<UpstreamPreflight.Defaults> defaults;
    private final @Nullable String backendPrompt;
    private final @Nullable String startupContext;

    RealtimeStartPreflight(UpstreamPreflight preflight, Supplier<UpstreamPreflight.Defaults> defaults,
            @Nullable String backendPrompt, @Nullable String startupContext) {
        this.preflight = preflight;
        this.defaults = defaults;
        this.backendPrompt = backendPrompt;
        this.startupContext = startupContext;
    }

    /** {@code realtimeSessionId} is the start param, or the fresh id the manager generated ({@code 09} §1). */
    UpstreamSessionConfig prepare(ThreadRecord thread, ThreadRealtimeStartParams params, String realtimeSessionId)
            throws UpstreamException.Preflight {
        // absent → the default prompt; JSON null → no prompt; a string → that prompt
        Optional<String> requestPrompt = params.prompt() == null ? Optional.empty()
                : Optional.of(params.prompt().orElse(""));
        String prompt = RealtimeInstructions.prompt(backendPrompt, requestPrompt);
        String context = RealtimeInstructions.startupContext(!Boolean.FALSE.equals(params.includeStartupContext()),
                startupContext, () -> StartupContext.render(completedTurns(thread)));
        return preflight.prepare(defaults.get(), new UpstreamPreflight.Start(params.version(), params.model(),
                params.voice(), params.outputModality(), params.transport(), realtimeSessionId, params.voiceSessionId(),
                RealtimeInstructions.combine(prompt, context)));
    }

    /** Completed turns, newest first, reduced to the user text and the last agent message. */
    static List<StartupContext.CompletedTurn> completedTurns(ThreadRecord thread) {
        List<StartupContext.CompletedTurn> turns = new ArrayList<>();
        for (Turn turn : thread.turns().reversed()) {
            if (turn.status() != TurnStatus.COMPLETED) {
                continue;
            }
            String user = turn.items().stream()
                    .filter(ThreadItem.UserMessage.class::isInstance).map(ThreadItem.UserMessage.class::cast)
                    .flatMap(message -> message.content().stream())
                    // a delegated turn's envelope contributes its <input> (03 §5)
                    .filter(UserInput.Text.class::isInstance).map(input -> ((UserInput.Text) input).text())
                    .map(text -> DelegationEnvelope.input(text).orElse(text))
                    .collect(Collectors.joining("\n"));
            String agent = null;
            for (ThreadItem item : turn.items()) {
                if (item instanceof ThreadItem.AgentMessage message) {
                    agent = message.text();
                }
            }
            turns.add(new StartupContext.CompletedTurn(user, agent));
        }
        return turns;
    }
}
