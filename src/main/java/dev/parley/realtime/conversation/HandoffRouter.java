package dev.parley.realtime.conversation;

/**
 * Turns a routable handoff into agent input ({@code 04} §12, {@code 05} §4). Called by a conversation's
 * publisher for every handoff that has a delegation envelope; implemented by the turn layer
 * ({@code TurnService}), which depends on this package and not the other way round.
 *
 * <p>Together with {@link HandoffTag} and {@link AgentReportSink} this is the whole seam between voice
 * conversations and agent turns.
 */
@FunctionalInterface
public interface HandoffRouter {

    /**
     * Routes a delegated text into the thread's agent. If a turn is running it is steered (the text becomes
     * visible at the turn's next model request); otherwise a new turn starts whose single user input is
     * {@code envelopeText} ({@code clientId: null}; it does not set the thread's preview). {@code tag} is
     * recorded on that turn atomically with starting or steering it, so every later {@link AgentReport} of
     * the turn carries it.
     *
     * <p>Never waits for the turn: it only enqueues notifications and hands the model work to the turn's own
     * virtual thread, so it is safe to call from the conversation's publisher. Never throws.
     *
     * @return {@code Started}, {@code Steered}, or {@code Rejected} when the thread does not exist, the server
     *     is shutting down, or its running turn is being interrupted (it can neither be steered nor replaced
     *     until it has aborted)
     */
    RouteResult route(String threadId, String envelopeText, HandoffTag tag);

    /** What routing did with a handoff. */
    sealed interface RouteResult {

        /** A new turn was started with the envelope as its user input, in user-message item {@code inputItemId}. */
        record Started(String turnId, String inputItemId) implements RouteResult {
        }

        /** The envelope was steered into the running turn as user-message item {@code inputItemId}. */
        record Steered(String turnId, String inputItemId) implements RouteResult {
        }

        /**
         * No agent could take the handoff; the conversation answers it at once ({@code NotRouted}).
         * {@code reason} is for logs.
         */
        record Rejected(String reason) implements RouteResult {
        }
    }
}
