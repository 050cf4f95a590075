package dev.parley.realtime.conversation;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.RealtimeEvent;

/** The messages that cross threads inside one conversation ({@code 04} §4). */
final class ConversationInput {

    private ConversationInput() {
    }

    /** Client text for the text-in queue. */
    sealed interface ClientText {
        /** {@code appendText}. */
        record Text(ConversationTextRole role, String text, boolean createResponse) implements ClientText {
        }

        /** {@code appendSpeech}: text the voice model should say. */
        record Speech(String text) implements ClientText {
        }
    }

    /** The control queue: always served first, never blocks its producers. */
    sealed interface Control {
        record Stop(EndReason reason) implements Control {
        }

        /** The publisher could not route this handoff. */
        record NotRouted(String handoffId) implements Control {
        }
    }

    /** The events queue from the input loop to the publisher. */
    sealed interface Outbound {
        /**
         * @param nonFatalConflict the active-response conflict error: on the event stream only
         */
        record Publish(RealtimeEvent event, boolean nonFatalConflict) implements Outbound {
            Publish(RealtimeEvent event) {
                this(event, false);
            }
        }

        /** The loop has ended; the publisher publishes {@code closed} and finishes the conversation. */
        record End() implements Outbound {
        }
    }
}
