package dev.parley.realtime.upstream;

import java.util.Locale;

/** Role of a text message item sent upstream, with the content part type the upstream expects for it. */
public enum TextItemRole {
    USER("input_text"),
    DEVELOPER("input_text"),
    ASSISTANT("output_text");

    private final String contentPartType;

    TextItemRole(String contentPartType) {
        this.contentPartType = contentPartType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentPartType() {
        return contentPartType;
    }
}
