package dev.parley.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The members every server notification carries next to {@code method} and {@code params} ({@code 02}
 * §2.8). The RPC layer writes them while framing, so they have no protocol record; this record states
 * them once, and the exporter reads it like any other record so that both outputs agree.
 */
record NotificationEnvelopeFields(
        @JsonPropertyDescription("Unix time in milliseconds at which the server emitted the notification.")
        long emittedAtMs) {
}
