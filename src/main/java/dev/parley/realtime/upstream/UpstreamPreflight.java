package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import dev.parley.protocol.RealtimeVoice;
import dev.parley.protocol.v2.ThreadRealtimeStartTransport;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Validates a realtime start and resolves everything the connection needs, before any connection attempt
 * ({@code 03} §13, "preflight"). Every failure is an {@link UpstreamException.Preflight} with the exact
 * catalogue message.
 */
public final class UpstreamPreflight {

    /** The server-wide defaults ({@code parley.realtime.*}), with the base URL already resolved. */
    public record Defaults(String baseUrl, Map<String, String> queryParams, Map<String, String> headers,
            @Nullable String apiKey, String model, RealtimeConversationVersion version, SessionType sessionType,
            @Nullable String voice) {

        public Defaults {
            queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** Never prints the API key. */
        @Override
        public String toString() {
            return "Defaults[baseUrl=" + baseUrl + ", model=" + model + ", version=" + version.wireName() + "]";
        }
    }

    /**
     * One start request.
     *
     * @param version        start param {@code version}, or {@code null} for the default
     * @param model          start param {@code model}, or {@code null}
     * @param voice          start param {@code voice}, or {@code null}
     * @param transport      start param {@code transport}, or {@code null} (websocket)
     * @param sessionId      the {@code x-session-id} value: {@code realtimeSessionId} (a fresh UUIDv7 by default)
     * @param voiceSessionId the {@code voice-session-id} value, or {@code null} to send none
     * @param instructions   the combined instructions ({@link RealtimeInstructions})
     */
    public record Start(@Nullable RealtimeConversationVersion version, @Nullable String model,
            @Nullable RealtimeVoice voice, RealtimeOutputModality outputModality,
            @Nullable ThreadRealtimeStartTransport transport, String sessionId, @Nullable String voiceSessionId,
            String instructions) {

        /** A start without a voice session id. */
        public Start(@Nullable RealtimeConversationVersion version, @Nullable String model,
                @Nullable RealtimeVoice voice, RealtimeOutputModality outputModality,
                @Nullable ThreadRealtimeStartTransport transport, String sessionId, String instructions) {
            this(version, model, voice, outputModality, transport, sessionId, null, instructions);
        }
    }

    private final ApiKeyResolver apiKeys;

    public UpstreamPreflight(ApiKeyResolver apiKeys) {
        this.apiKeys = apiKeys;
    }

    public UpstreamSessionConfig prepare(Defaults defaults, Start start) throws UpstreamException.Preflight {
        switch (start.transport()) {
            case null -> { }
            case ThreadRealtimeStartTransport.Websocket websocket -> { }
            case ThreadRealtimeStartTransport.Webrtc webrtc ->
                    throw new UpstreamException.Preflight("webrtc transport is not supported");
        }
        RealtimeConversationVersion version = start.version() != null ? start.version() : defaults.version();
        if (version == RealtimeConversationVersion.V1 && start.outputModality() == RealtimeOutputModality.TEXT) {
            throw new UpstreamException.Preflight("text realtime output modality requires realtime v2");
        }
        String voice = VoiceResolver.resolve(version, start.voice(), defaults.voice());
        String model = UpstreamUrl.resolveModel(start.model(), defaults.model());
        URI url = UpstreamUrl.build(defaults.baseUrl(), defaults.queryParams(), model, version);
        Optional<String> apiKey = apiKeys.resolve(defaults.apiKey());
        if (apiKey.isEmpty() && !UpstreamUrl.isSimulator(url)) {
            throw new UpstreamException.Preflight("realtime conversation requires API key auth");
        }
        Map<String, String> headers = HandshakeHeaders.build(defaults.headers(), version, apiKey, start.sessionId(),
                start.voiceSessionId());
        SessionType sessionType = defaults.sessionType().effectiveFor(version);
        String instructions = sessionType == SessionType.TRANSCRIPTION ? "" : start.instructions();
        return new UpstreamSessionConfig(url, headers, new UpstreamMessage.SessionUpdate(version, sessionType,
                start.outputModality(), instructions, voice));
    }
}
