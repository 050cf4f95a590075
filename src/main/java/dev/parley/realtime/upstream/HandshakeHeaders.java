package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The upstream handshake headers ({@code 03} §4.1): configured headers, overridden by the computed ones
 * ({@code authorization}, {@code x-session-id}, {@code voice-session-id} when the start gave one, V1
 * {@code openai-alpha}), then defaults filling absent names.
 * Names are compared case-insensitively and returned in lowercase.
 */
public final class HandshakeHeaders {

    public static final Map<String, String> DEFAULTS = Map.of("originator", "parley");

    /** Headers the JDK WebSocket client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-key",
            "sec-websocket-protocol", "sec-websocket-version");

    private HandshakeHeaders() {
    }

    /** The complete, validated header set for one connection without a voice session id. */
    public static Map<String, String> build(Map<String, String> configured, RealtimeConversationVersion version,
            Optional<String> apiKey, String sessionId) throws UpstreamException.Preflight {
        return build(configured, version, apiKey, sessionId, null);
    }

    /** The complete, validated header set for one connection; {@code voiceSessionId} adds {@code voice-session-id}. */
    public static Map<String, String> build(Map<String, String> configured, RealtimeConversationVersion version,
            Optional<String> apiKey, String sessionId, @Nullable String voiceSessionId)
            throws UpstreamException.Preflight {
        for (Map.Entry<String, String> header : configured.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!isToken(name) || RESTRICTED.contains(name) || invalidValueDetail(header.getValue()) != null) {
                throw new UpstreamException.Preflight("invalid realtime header: " + name);
            }
        }
        Map<String, String> computed = computed(version, apiKey, sessionId);
        if (voiceSessionId != null) {
            String detail = invalidValueDetail(voiceSessionId);
            if (detail != null) {
                throw new UpstreamException.Preflight("invalid voice session id header: " + detail);
            }
            computed.put("voice-session-id", voiceSessionId);
        }
        return merge(configured, computed);
    }

    /** The computed layer, after validating the values that come from the start request and the key. */
    public static Map<String, String> computed(RealtimeConversationVersion version, Optional<String> apiKey,
            String sessionId) throws UpstreamException.Preflight {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey.isPresent()) {
            if (invalidValueDetail(apiKey.get()) != null) {
                throw new UpstreamException.Preflight("invalid realtime api key header");
            }
            headers.put("authorization", "Bearer " + apiKey.get());
        }
        String detail = invalidValueDetail(sessionId);
        if (detail != null) {
            throw new UpstreamException.Preflight("invalid realtime session id header: " + detail);
        }
        headers.put("x-session-id", sessionId);
        if (version == RealtimeConversationVersion.V1) {
            headers.put("openai-alpha", "quicksilver=v1");
        }
        return headers;
    }

    /** Merges the three layers: configured (lowest), computed (overrides), defaults (fill absent names). */
    public static Map<String, String> merge(Map<String, String> configured, Map<String, String> computed) {
        Map<String, String> merged = new LinkedHashMap<>();
        configured.forEach((name, value) -> merged.put(name.toLowerCase(Locale.ROOT), value));
        computed.forEach((name, value) -> merged.put(name.toLowerCase(Locale.ROOT), value));
        DEFAULTS.forEach(merged::putIfAbsent);
        return merged;
    }

    /** Why a header value is invalid (control characters other than tab), or {@code null} if it is valid. */
    static @Nullable String invalidValueDetail(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "control character at index " + i;
            }
            if (c > 0xff) {
                return "non-latin-1 character at index " + i;
            }
        }
        return null;
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }
}
