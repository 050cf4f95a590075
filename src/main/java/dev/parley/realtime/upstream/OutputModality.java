package dev.parley.realtime.upstream;

import java.util.Locale;

/** What the voice model produces: spoken audio (with its transcript) or text only (V2 only). */
public enum OutputModality {
    AUDIO,
    TEXT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
