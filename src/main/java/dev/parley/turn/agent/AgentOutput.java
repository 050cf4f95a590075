package dev.parley.turn.agent;

/**
 * Where a backend streams one model response. Calls come in stream order: {@link #messageStarted}, any
 * number of {@link #textDelta}, then {@link #messageCompleted}; a response may contain several messages or
 * none.
 */
public interface AgentOutput {

    /** An assistant message begins. */
    void messageStarted();

    /** More text of the open message. */
    void textDelta(String delta);

    /** The open message is complete; {@code text} is its final, authoritative text. */
    void messageCompleted(String text);
}
