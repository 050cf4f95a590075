package dev.parley.simulator;

import java.util.Locale;
import java.util.Optional;

/**
 * When the simulated voice model hands work to the agent: user text (or an utterance transcript) that starts
 * with {@code agent:} or contains {@code ask the agent} (case-insensitive). The request passed on is the
 * user's words, without the {@code agent:} prefix.
 */
final class AgentTrigger {

    private static final String PREFIX = "agent:";
    private static final String PHRASE = "ask the agent";

    private AgentTrigger() {
    }

    static Optional<String> request(String userText) {
        String text = userText.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(PREFIX)) {
            return Optional.of(text.substring(PREFIX.length()).strip());
        }
        return lower.contains(PHRASE) ? Optional.of(text) : Optional.empty();
    }
}
