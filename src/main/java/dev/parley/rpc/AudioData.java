package dev.parley.rpc;

import dev.parley.error.ApiException;
import dev.parley.protocol.AudioBase64;

/** Client audio as it arrives: base64 that Parley forwards untouched, so it is checked without decoding. */
final class AudioData {

    private AudioData() {
    }

    /**
     * Accepts standard base64 (RFC 4648 §4), padding optional, without allocating: the audio path checks
     * every frame.
     *
     * @throws ApiException {@code Invalid params: audio.data is not valid base64}
     */
    static void requireBase64(String data) {
        if (AudioBase64.decodedLength(data) < 0) {
            throw ApiException.invalidParams("audio.data is not valid base64");
        }
    }
}
