package dev.parley.realtime.conversation;

/**
 * Turns a routable handoff into agent input ({@code 04} §12, {@code 05} §4). Implemented by the turn layer;
 * called by a conversation's publisher for every handoff that has a delegation envelope.
 *
 * <p>{@link #route} must never wait for the turn: if a turn is running on the thread it steers the text into
 * it, otherwise it starts a new turn whose single user input is the envelope. The tag is recorded on that
 * turn atomically with starting or steering it, and the turn layer then reports the turn's completed agent
 * messages and its end to {@link AgentReportSink}.
 */
@FunctionalInterface
public interface HandoffRouter {

    RouteResult route(String threadId, String envelopeText, HandoffTag tag);

    /** What routing did with a handoff. */
    sealed interface RouteResult {

        /** A new turn was started with the envelope as its user input, in user-message item {@code inputItemId}. */
        record Started(String turnId, String inputItemId) implements RouteResult {
        }

        /** The envelope was steered into the running turn as user-message item {@code inputItemId}. */
        record Steered(String turnId, String inputItemId) implements RouteResult {
        }

        /** No agent could take the handoff; the conversation answers it at once ({@code NotRouted}). */
        record Rejected() implements RouteResult {
        }
    }
}
