package dev.parley.turn.agent;

/**
 * The model behind agent turns ({@code 05} §2). A backend takes the conversation context of one model
 * request and streams the answer into an {@link AgentOutput}.
 *
 * <p>Threading: {@link #respond} is called on the turn's own virtual thread and blocks it until the model
 * response has ended; implementations may block freely but must return (or throw) promptly once the
 * {@link CancellationSignal} fires. One turn never calls a backend concurrently with itself; different
 * turns do, so implementations are thread-safe.
 */
public interface AgentBackend {

    /**
     * Streams one model response.
     *
     * @param request instructions, model and every prior message plus this turn's input
     * @param output receives message boundaries and text deltas, in stream order, on the calling thread
     * @param cancellation fires when the turn is interrupted; the backend then closes its stream
     * @throws AgentFailure when the response fails (HTTP error, failure event, timeout, truncated stream);
     *     after cancellation the outcome is ignored by the caller, so either returning or throwing is fine
     */
    void respond(AgentRequest request, AgentOutput output, CancellationSignal cancellation) throws AgentFailure;
}
