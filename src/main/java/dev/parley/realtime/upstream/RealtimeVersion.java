package dev.parley.realtime.upstream;

import java.util.Locale;

/** Upstream realtime protocol version: V1 is OpenAI-internal "quicksilver", V2 is the public GA Realtime API. */
public enum RealtimeVersion {
    V1,
    V2;

    /** The lowercase wire and configuration name, {@code v1} or {@code v2}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
