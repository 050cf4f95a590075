package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeEvent;

/** The events queue from the input loop to the conversation's publisher ({@code 04} §4). */
sealed interface ConversationOutput {

    /**
     * @param nonFatalConflict the active-response conflict error: on the event stream only
     */
    record Publish(RealtimeEvent event, boolean nonFatalConflict) implements ConversationOutput {
        Publish(RealtimeEvent event) {
            this(event, false);
        }
    }

    /** The loop has ended; the publisher publishes {@code closed} and finishes the conversation. */
    record End() implements ConversationOutput {
    }
}
