package dev.parley.turn.agent;

import dev.parley.realtime.conversation.DelegationEnvelope;
import java.util.List;
import java.util.Optional;

/**
 * The offline default ({@code 05} §2.2): deterministic, instant and network-free. It answers the latest user
 * message with one agent message, streamed word by word. For a {@code <realtime_delegation>} envelope it
 * answers about the {@code <input>} text:
 * {@code Working on it: <input>. (builtin agent: set OPENAI_API_KEY for a real model)}; for anything else
 * {@code You said: <text>. (builtin agent: set OPENAI_API_KEY for a real model)}. The final period is left
 * out when the text already ends a sentence.
 */
public final class BuiltinAgentBackend implements AgentBackend {

    static final String SUFFIX = " (builtin agent: set OPENAI_API_KEY for a real model)";

    @Override
    public void respond(AgentRequest request, AgentOutput output, CancellationSignal cancellation) {
        if (cancellation.isCancelled()) {
            return;
        }
        String answer = answer(latestUserText(request.input()));
        output.messageStarted();
        StringBuilder sent = new StringBuilder();
        for (String word : answer.split("(?<= )")) {
            if (cancellation.isCancelled()) {
                return;
            }
            output.textDelta(word);
            sent.append(word);
        }
        output.messageCompleted(sent.toString());
    }

    /** The builtin answer to a user text. */
    public static String answer(String userText) {
        Optional<String> delegated = DelegationEnvelope.input(userText);
        if (delegated.isPresent()) {
            return "Working on it: " + sentence(delegated.get()) + SUFFIX;
        }
        String text = userText.strip();
        return text.isEmpty() ? "You said nothing." + SUFFIX : "You said: " + sentence(text) + SUFFIX;
    }

    private static String latestUserText(List<ContextMessage> input) {
        for (int i = input.size() - 1; i >= 0; i--) {
            if (input.get(i).role() == ContextMessage.Role.USER) {
                return String.join(" ", input.get(i).texts());
            }
        }
        return "";
    }

    private static String sentence(String text) {
        String stripped = text.strip();
        char last = stripped.isEmpty() ? ' ' : stripped.charAt(stripped.length() - 1);
        return last == '.' || last == '!' || last == '?' ? stripped : stripped + ".";
    }
}
