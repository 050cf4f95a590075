package dev.parley.turn;

/** What {@link TurnRouter#route} did with a handoff. */
public sealed interface RouteResult {

    /** A new turn was started with the envelope as its single user input, in user-message item {@code inputItemId}. */
    record Started(String turnId, String inputItemId) implements RouteResult {
    }

    /** The envelope was steered into the running turn as user-message item {@code inputItemId}. */
    record Steered(String turnId, String inputItemId) implements RouteResult {
    }

    /** Nothing was routed; {@code reason} is for logs. */
    record Rejected(String reason) implements RouteResult {
    }
}
