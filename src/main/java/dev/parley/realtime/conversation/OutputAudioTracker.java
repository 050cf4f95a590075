package dev.parley.realtime.conversation;

import dev.parley.protocol.AudioBase64;
import dev.parley.protocol.RealtimeAudioFrame;
import dev.parley.realtime.upstream.UpstreamMessage;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How much model audio of the current output item has been received, for barge-in truncation
 * ({@code 04} §8). V2 only, confined to the input loop. Parley has no playback cursor, so the received length
 * is the best bound: the sum of per-frame floors never exceeds what the upstream generated, so the upstream
 * cannot reject the truncate as longer than the audio.
 */
final class OutputAudioTracker {

    private record Tracked(String itemId, long audioEndMs) {
    }

    private @Nullable Tracked tracked;

    /** Adds one output frame; frames without an item id or without measurable length are skipped. */
    void onAudioOut(RealtimeAudioFrame frame) {
        if (frame.itemId() == null) {
            return;
        }
        long samples = frame.samplesPerChannel() != null
                ? Integer.toUnsignedLong(frame.samplesPerChannel())
                : decodedLength(frame.data()) / 2 / Math.max(frame.numChannels(), 1);
        long ms = samples * 1000 / Math.max(Integer.toUnsignedLong(frame.sampleRate()), 1);
        if (ms == 0) {
            return;
        }
        if (tracked != null && tracked.itemId().equals(frame.itemId())) {
            long sum = Math.min(tracked.audioEndMs() + ms, UpstreamMessage.Truncate.MAX_AUDIO_END_MS);
            tracked = new Tracked(tracked.itemId(), sum);
        } else {
            tracked = new Tracked(frame.itemId(), Math.min(ms, UpstreamMessage.Truncate.MAX_AUDIO_END_MS));
        }
    }

    /**
     * The user started speaking: the truncate for the tracked item, if any, and the state is cleared.
     * Parley truncates whatever the event's {@code item_id} is (it names the new input item, not the output).
     */
    Optional<UpstreamMessage.Truncate> onSpeechStarted() {
        Tracked taken = tracked;
        tracked = null;
        return taken == null ? Optional.empty()
                : Optional.of(new UpstreamMessage.Truncate(taken.itemId(), taken.audioEndMs()));
    }

    /** The response ended, or a tool call took over: nothing is playing that a barge-in could cut. */
    void clear() {
        tracked = null;
    }

    /**
     * The length {@code Base64.getDecoder()} would decode {@code base64} to, or 0 where it would reject it,
     * computed without decoding: this runs on every output audio frame that carries no sample count.
     */
    static long decodedLength(String base64) {
        return Math.max(0, AudioBase64.decodedLength(base64));
    }
}
