package dev.parley.protocol;

/**
 * The base64 rule for audio on the wire ({@code audio.data}, upstream audio deltas): standard base64 (RFC 4648
 * §4), padding optional, checked and measured without decoding or allocating, because both relay directions
 * run it on every audio frame. One place for the rule, so client input and upstream output agree on it.
 */
public final class AudioBase64 {

    /** 1 for every ASCII character outside the standard base64 alphabet ({@code =} included: padding is counted apart). */
    private static final byte[] NOT_BASE64 = new byte[128];

    static {
        java.util.Arrays.fill(NOT_BASE64, (byte) 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            NOT_BASE64[alphabet.charAt(i)] = 0;
        }
    }

    private AudioBase64() {
    }

    /** The number of bytes {@code Base64.getDecoder()} would decode {@code base64} to, or -1 where it would reject it. */
    public static long decodedLength(String base64) {
        int end = base64.length();
        int padding = 0;
        while (end > 0 && base64.charAt(end - 1) == '=' && padding < 2) {
            end--;
            padding++;
        }
        boolean valid = end % 4 != 1 && (padding == 0 || (end + padding) % 4 == 0);
        // no early exit and no branch per character: one table lookup each, and valid audio is the case that matters
        int invalid = 0;
        for (int i = 0; i < end; i++) {
            char c = base64.charAt(i);
            invalid |= (c >>> 7) | NOT_BASE64[c & 0x7f];
        }
        if (!valid || invalid != 0) {
            return -1;
        }
        int tail = end % 4;
        return (long) end / 4 * 3 + (tail == 0 ? 0 : tail - 1);
    }
}
