package dev.parley.realtime.conversation;

/** The conversation lifecycle of {@code 04} §15, with the names REST reports ({@code 02} §8.2). */
public enum ConversationState {
    STARTING("connecting"),
    RUNNING("running"),
    CLOSING("closing"),
    CLOSED("idle");

    private final String restName;

    ConversationState(String restName) {
        this.restName = restName;
    }

    public String restName() {
        return restName;
    }
}
