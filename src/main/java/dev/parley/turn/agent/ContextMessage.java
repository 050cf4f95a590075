package dev.parley.turn.agent;

import java.util.List;

/**
 * One message of the model context: a user message (one text per {@code text} input) or an assistant answer.
 */
public record ContextMessage(Role role, List<String> texts) {

    /** Who said it. */
    public enum Role { USER, ASSISTANT }

    public ContextMessage {
        texts = List.copyOf(texts);
    }

    public static ContextMessage user(List<String> texts) {
        return new ContextMessage(Role.USER, texts);
    }

    public static ContextMessage assistant(String text) {
        return new ContextMessage(Role.ASSISTANT, List.of(text));
    }
}
