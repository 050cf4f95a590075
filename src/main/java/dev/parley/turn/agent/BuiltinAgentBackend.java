package dev.parley.turn.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;

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
    private static final String ENVELOPE = "<realtime_delegation>";
    private static final String INPUT_OPEN = "<input>";
    private static final String INPUT_CLOSE = "</input>";

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
        String delegated = delegatedInput(userText);
        if (delegated != null) {
            return "Working on it: " + sentence(delegated) + SUFFIX;
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

    /** The unescaped {@code <input>} of a delegation envelope ({@code 04} §11), or {@code null}. */
    private static @Nullable String delegatedInput(String text) {
        String stripped = text.strip();
        int open = stripped.indexOf(INPUT_OPEN);
        int close = stripped.indexOf(INPUT_CLOSE);
        if (!stripped.startsWith(ENVELOPE) || open < 0 || close < open) {
            return null;
        }
        // &amp; last, so an escaped "&lt;" in the original text stays "&lt;"
        return stripped.substring(open + INPUT_OPEN.length(), close)
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
