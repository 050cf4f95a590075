package dev.parley.turn;

/**
 * Receives the {@link TurnReport}s of tagged turns; the realtime conversation manager implements it (as a
 * Spring bean) and forwards each report to the conversation named by the tags' token.
 *
 * <p>Threading: reports are made on the reporting turn's own virtual thread, never while the turn layer
 * holds a lock, and in order per turn: every {@code AgentMessage} of a turn comes after its
 * {@code item/completed} notification and before the turn's {@code TurnEnded}, which comes after
 * {@code turn/completed}. An observer may block (the handoff-out queue blocks its producer, {@code 04} §4);
 * only that turn waits.
 */
@FunctionalInterface
public interface TurnObserver {

    void report(TurnReport report) throws InterruptedException;
}
