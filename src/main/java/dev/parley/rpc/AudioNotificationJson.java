package dev.parley.rpc;

import dev.parley.protocol.v2.ThreadRealtimeAudioChunk;
import dev.parley.protocol.v2.ThreadRealtimeOutputAudioDeltaNotification;
import org.jspecify.annotations.Nullable;

/**
 * The output audio notification assembled as a string: it goes out for every model audio frame, and through Jackson
 * (a generator, a serialiser per record, a {@code StringWriter}) it was the largest part of the publishing cost. It
 * writes exactly what the wire mapper writes (members in record order, absent values as {@code null}), and only
 * for strings that need no JSON escaping; anything else returns {@code null} and goes through Jackson.
 */
final class AudioNotificationJson {

    private AudioNotificationJson() {
    }

    /** The whole JSON-RPC notification, or {@code null} when a string needs escaping (or a required one is absent). */
    static @Nullable String write(String method, ThreadRealtimeOutputAudioDeltaNotification params, long emittedAtMs) {
        ThreadRealtimeAudioChunk audio = params.audio();
        if (audio == null || params.threadId() == null || audio.data() == null || !plain(method)
                || !plain(params.threadId()) || !plain(audio.data())
                || (audio.itemId() != null && !plain(audio.itemId()))) {
            return null;
        }
        // the audio, the bulk of the message, is copied once, into an exactly sized result (no builder to grow,
        // copy and trim); a null Integer concatenates as null, which is its JSON too
        String head = "{\"method\":\"" + method + "\",\"params\":{\"threadId\":\"" + params.threadId()
                + "\",\"audio\":{\"data\":\"";
        String tail = "\",\"sampleRate\":" + audio.sampleRate() + ",\"numChannels\":" + audio.numChannels()
                + ",\"samplesPerChannel\":" + audio.samplesPerChannel()
                + ",\"itemId\":" + (audio.itemId() == null ? "null" : "\"" + audio.itemId() + "\"")
                + "}},\"emittedAtMs\":" + emittedAtMs + "}";
        return head + audio.data() + tail;
    }

    /** Printable ASCII other than {@code "} and {@code \}: what JSON carries between quotes unescaped. */
    static boolean plain(String value) {
        int n = value.length();
        boolean plain = true;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            // no early exit: such strings are plain in practice, and the loop without branches out compiles tighter
            plain &= c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        }
        return plain;
    }
}
