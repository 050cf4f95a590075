package dev.parley.turn;

/**
 * The entry point of realtime handoffs into agent turns ({@code 05} §4, {@code 04} §12): the narrow
 * interface the conversation layer calls, implemented by {@link TurnService}.
 */
public interface TurnRouter {

    /**
     * Routes a delegated text into the thread's agent. If a turn is running it is steered (the text becomes
     * visible at the turn's next model request); otherwise a new turn starts whose single user input is
     * {@code envelopeText} ({@code clientId: null}; it does not set the thread's preview). {@code tag} is
     * recorded on that turn atomically with starting or steering it, so every later {@link TurnReport} of
     * the turn carries it.
     *
     * <p>Never waits for the turn: it only enqueues notifications and hands the model work to the turn's
     * own virtual thread, so it is safe to call from the conversation's publisher. Never throws.
     *
     * @return {@code Started}, {@code Steered}, or {@code Rejected} when the thread does not exist or its
     *     running turn is being interrupted (it can neither be steered nor replaced until it has aborted)
     */
    RouteResult route(String threadId, String envelopeText, HandoffTag tag);
}
