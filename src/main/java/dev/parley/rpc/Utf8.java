package dev.parley.rpc;

/** UTF-8 byte counting without encoding. */
final class Utf8 {

    private Utf8() {
    }

    /** The number of bytes {@code text} takes in UTF-8 (unpaired surrogates count as 3, like '?'-less encoders). */
    static long length(CharSequence text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * {@code text} with every unpaired surrogate replaced by U+FFFD. JSON escapes such as {@code "\ud800"}
     * let a client put lone surrogates into ids or names that errors echo; they cannot be encoded as
     * UTF-8, so they are replaced before sending. Returns {@code text} itself when it has none.
     */
    static String withoutLoneSurrogates(String text) {
        int n = text.length();
        // every outbound message passes here and almost none has a surrogate: one branch-free counted loop decides
        boolean any = false;
        for (int i = 0; i < n; i++) {
            any |= Character.isSurrogate(text.charAt(i));
        }
        if (!any) {
            return text;
        }
        StringBuilder fixed = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean lone = false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (fixed != null) {
                        fixed.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                lone = true;
            } else if (Character.isLowSurrogate(c)) {
                lone = true;
            }
            if (lone && fixed == null) {
                fixed = new StringBuilder(n).append(text, 0, i);
            }
            if (fixed != null) {
                fixed.append(lone ? '\uFFFD' : c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }
}
