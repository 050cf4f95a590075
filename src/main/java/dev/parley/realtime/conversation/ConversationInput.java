package dev.parley.realtime.conversation;

import dev.parley.protocol.ConversationTextRole;

/**
 * The messages that cross threads into one conversation's input loop ({@code 04} §4); what the loop hands on to
 * the publisher is a {@link ConversationOutput}.
 */
final class ConversationInput {

    private ConversationInput() {
    }

    /** A client audio frame for the audio-in queue, with the {@link System#nanoTime()} it was queued at. */
    record ClientAudio(String data, long queuedNanos) {
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
}
