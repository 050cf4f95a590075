package dev.parley.realtime.conversation;

/**
 * Where the turn layer delivers the {@link AgentReport}s of tagged turns. Implemented by
 * {@link RealtimeConversationManager}: a report reaches every live conversation named by its tags, and is
 * dropped for conversations that have ended.
 *
 * <p>Threading: the turn layer reports on the reporting turn's own virtual thread, never while it holds a
 * lock, and in order per turn: every {@code AgentMessage} of a turn comes after its {@code item/completed}
 * notification and before the turn's {@code TurnEnded}, which comes after {@code turn/completed}. Delivery may
 * block that thread while a conversation's agent queue is full ({@code 04} §4), never longer than that
 * conversation lives; if the thread is interrupted meanwhile, the report is dropped and the thread's interrupt
 * status is set again.
 */
@FunctionalInterface
public interface AgentReportSink {

    void report(AgentReport report);
}
