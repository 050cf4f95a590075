package dev.parley.config;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.realtime.upstream.SessionType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.realtime.*}: the upstream realtime client ({@code 02} §11, {@code 03} §2).
 *
 * @param apiKey                upstream key; blank means "use {@code OPENAI_API_KEY}", none means simulator
 * @param baseUrl               upstream base URL; unset means auto (OpenAI with a key, else the simulator)
 * @param model                 default model
 * @param version               default protocol version
 * @param sessionType           {@code conversational} or {@code transcription} (V2 only)
 * @param voice                 default voice; unset means the version default
 * @param backendPrompt         if not blank, replaces every start's prompt
 * @param startupContext        if set (even empty), used verbatim as the startup context
 * @param queryParams           extra URL query parameters, in order
 * @param headers               extra handshake headers, lowest precedence
 * @param connectTimeout        handshake timeout
 * @param maxInboundMessageSize largest aggregated upstream message
 * @param closeTimeout          wait for the upstream's Close reply
 * @param sendTimeout           an upstream write not completed within this fails the conversation ({@code 04} §5)
 * @param v1HandoffGrace        V1 delegation grace ({@code 04} §10); zero disables it
 * @param orphanTimeout         stop a conversation this long after its last subscriber left
 * @param audioMaxDelay         audio that waited longer than this in a conversation's queues (either direction)
 *                              is shed and counted instead of relayed (overload, {@code 04} §4); zero disables it
 * @param maxConversations      realtime conversations the whole server carries at once; a start beyond it is
 *                              refused with {@code -32001} / HTTP 503; 0 means no limit
 */
@ConfigurationProperties("parley.realtime")
public record RealtimeProperties(
        @Nullable String apiKey,
        @Nullable String baseUrl,
        @DefaultValue("gpt-realtime-1.5") String model,
        @DefaultValue("v2") RealtimeConversationVersion version,
        @DefaultValue("conversational") SessionType sessionType,
        @Nullable String voice,
        @Nullable String backendPrompt,
        @Nullable String startupContext,
        Map<String, String> queryParams,
        Map<String, String> headers,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("16MB") DataSize maxInboundMessageSize,
        @DefaultValue("2s") Duration closeTimeout,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1s") Duration v1HandoffGrace,
        @DefaultValue("60s") Duration orphanTimeout,
        @DefaultValue("500ms") Duration audioMaxDelay,
        @DefaultValue("0") int maxConversations) {

    public RealtimeProperties {
        queryParams = queryParams == null ? Map.of() : new LinkedHashMap<>(queryParams);
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "RealtimeProperties[baseUrl=" + baseUrl + ", model=" + model + ", version=" + version
                + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + "]";
    }
}
