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
        // no early exit and no branch per character: one table lookup each, and valid audio is the case that matters
        int invalid = 0;
        for (int i = 0; i < end; i++) {
            char c = data.charAt(i);
            invalid |= (c >>> 7) | NOT_BASE64[c & 0x7f];
        }
        if (!valid || invalid != 0) {
            throw ApiException.invalidParams("audio.data is not valid base64");
        }
    }

    /** 1 for every ASCII character outside the standard base64 alphabet ({@code =} included: padding is counted apart). */
    private static final byte[] NOT_BASE64 = new byte[128];

    static {
        java.util.Arrays.fill(NOT_BASE64, (byte) 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            NOT_BASE64[alphabet.charAt(i)] = 0;
        }
    }
}
