package dev.parley.rpc;

import dev.parley.error.ApiException;

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
        int end = data.length();
        int padding = 0;
        while (end > 0 && data.charAt(end - 1) == '=' && padding < 2) {
            end--;
            padding++;
        }
        boolean valid = end % 4 != 1 && (padding == 0 || (end + padding) % 4 == 0);
        // no early exit: a plain counted loop compiles to a tight scan, and valid audio is the case that matters
        for (int i = 0; i < end; i++) {
            char c = data.charAt(i);
            valid &= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }
        if (!valid) {
            throw ApiException.invalidParams("audio.data is not valid base64");
        }
    }
}
