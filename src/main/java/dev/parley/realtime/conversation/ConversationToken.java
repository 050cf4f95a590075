package dev.parley.realtime.conversation;

/**
 * The identity of one conversation, compared by reference ({@code 04} §2.1). Asynchronous completions and
 * agent reports carry it so that anything belonging to an older conversation of the same thread is ignored.
 * Every instance is a distinct identity; the turn layer only stores and hands back the tokens it is given.
 */
public final class ConversationToken {

    private final String threadId;

    public ConversationToken(String threadId) {
        this.threadId = threadId;
    }

    /** The thread the conversation belongs to. */
    public String threadId() {
        return threadId;
    }

    @Override
    public String toString() {
        return "ConversationToken[" + threadId + "@" + Integer.toHexString(System.identityHashCode(this)) + "]";
    }
}
