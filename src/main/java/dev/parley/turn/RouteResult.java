package dev.parley.turn;

/** What {@link TurnRouter#route} did with a handoff. */
public sealed interface RouteResult {

    /** A new turn was started with the envelope as its single user input. */
    record Started(String turnId) implements RouteResult {
    }

    /** The envelope was steered into the running turn. */
    record Steered(String turnId) implements RouteResult {
    }

    /** Nothing was routed; {@code reason} is for logs. */
    record Rejected(String reason) implements RouteResult {
    }
}
