package dev.parley.realtime.conversation;

/**
 * Where the turn layer delivers {@link AgentReport}s. Implemented by {@link RealtimeConversationManager}:
 * a report reaches every live conversation named by its tags, and is dropped for conversations that have
 * ended. Delivery may block the calling (turn) thread while a conversation's agent queue is full
 * ({@code 04} §4), never longer than that conversation lives.
 */
@FunctionalInterface
public interface AgentReportSink {

    void report(AgentReport report);
}
