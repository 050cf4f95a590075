package dev.parley.realtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeOutputModality;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.2: handshake headers and API-key resolution. */
class HandshakeHeadersTest {

    private static UpstreamPreflight.Defaults defaults(String baseUrl, String apiKey) {
        return new UpstreamPreflight.Defaults(baseUrl, Map.of(), Map.of(), apiKey, "m", RealtimeConversationVersion.V2,
                SessionType.CONVERSATIONAL, null);
    }

    private static UpstreamPreflight.Start start(String sessionId) {
        return new UpstreamPreflight.Start(null, null, null, RealtimeOutputModality.AUDIO, null, sessionId, "p");
    }

    @Test
    void hdr01_mergeMatchesHttpPrecedence() {
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put("authorization", "Bearer configured");
        configured.put("x-custom", "1");
        configured.put("originator", "custom");
        Map<String, String> computed = Map.of("authorization", "Bearer key", "x-session-id", "s");
        assertEquals(Map.of("authorization", "Bearer key", "x-custom", "1", "x-session-id", "s",
                "originator", "custom"), HandshakeHeaders.merge(configured, computed));
    }

    @Test
    void hdr01_namesMergeCaseInsensitively() {
        Map<String, String> merged = HandshakeHeaders.merge(Map.of("Authorization", "Bearer configured"),
                Map.of("authorization", "Bearer key"));
        assertEquals(Map.of("authorization", "Bearer key", "originator", "parley"), merged);
    }

    @Test
    void hdr02_defaultOriginator() throws Exception {
        assertEquals("parley", HandshakeHeaders.build(Map.of(), RealtimeConversationVersion.V2, Optional.empty(), "s")
                .get("originator"));
    }

    @Test
    void hdr03_quicksilverAlphaHeaderForV1() throws Exception {
        assertEquals("quicksilver=v1",
                HandshakeHeaders.build(Map.of(), RealtimeConversationVersion.V1, Optional.of("k"), "s")
                        .get("openai-alpha"));
    }

    @Test
    void hdr04_noAlphaHeaderForV2() throws Exception {
        assertThat(HandshakeHeaders.build(Map.of(), RealtimeConversationVersion.V2, Optional.of("k"), "s"))
                .doesNotContainKey("openai-alpha");
    }

    @Test
    void hdr05_propertyKeyBeatsEnvironment() throws Exception {
        ApiKeyResolver keys = new ApiKeyResolver(name -> name.equals("OPENAI_API_KEY") ? "k2" : null);
        UpstreamPreflight preflight = new UpstreamPreflight(keys);
        assertEquals("Bearer k1", preflight.prepare(defaults("wss://example.com", "k1"), start("s")).headers()
                .get("authorization"));
        assertEquals("Bearer k2", preflight.prepare(defaults("wss://example.com", "  "), start("s")).headers()
                .get("authorization"));
        assertEquals(Optional.empty(), new ApiKeyResolver(name -> " ").resolve(null));
    }

    @Test
    void hdr06_noKeyForARealUpstreamFailsPreflight() {
        UpstreamException.Preflight failure = assertThrows(UpstreamException.Preflight.class,
                () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                        .prepare(defaults("wss://example.com/v1/realtime", null), start("s")));
        assertEquals("realtime conversation requires API key auth", failure.getMessage());
    }

    @Test
    void hdr07_noKeyForTheSimulatorConnectsWithoutAuthorization() throws Exception {
        UpstreamSessionConfig config = new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                .prepare(defaults("ws://localhost:8080/sim/v1/realtime", null), start("s"));
        assertThat(config.headers()).doesNotContainKey("authorization");
    }

    @Test
    void hdr08_invalidSessionIdHeader() {
        UpstreamException.Preflight failure = assertThrows(UpstreamException.Preflight.class,
                () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                        .prepare(defaults("wss://example.com", "k"), start("a\nb")));
        assertThat(failure.getMessage()).startsWith("invalid realtime session id header: ");
    }

    @Test
    void hdr09_invalidApiKeyHeaderNeverEchoesTheKey() {
        UpstreamException.Preflight failure = assertThrows(UpstreamException.Preflight.class,
                () -> new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                        .prepare(defaults("wss://example.com", "k\r\n"), start("s")));
        assertEquals("invalid realtime api key header", failure.getMessage());
    }

    @Test
    void hdr10_sessionIdHeaderCarriesTheGivenId() throws Exception {
        // The caller passes realtimeSessionId, else the thread id; the header carries it unchanged.
        assertEquals("thread-1", new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                .prepare(defaults("wss://example.com", "k"), start("thread-1")).headers().get("x-session-id"));
    }

    @Test
    void configuredHeadersThatTheSocketCannotSendFailPreflight() {
        assertEquals("invalid realtime header: host", assertThrows(UpstreamException.Preflight.class,
                () -> HandshakeHeaders.build(Map.of("Host", "x"), RealtimeConversationVersion.V2, Optional.empty(),
                        "s")).getMessage());
        assertEquals("invalid realtime header: x-bad", assertThrows(UpstreamException.Preflight.class,
                () -> HandshakeHeaders.build(Map.of("x-bad", "a\r\nb"), RealtimeConversationVersion.V2,
                        Optional.empty(), "s")).getMessage());
    }

    @Test
    void configToStringHidesTheKey() throws Exception {
        UpstreamSessionConfig config = new UpstreamPreflight(UpstreamFixtures.NO_ENV)
                .prepare(defaults("wss://example.com", "sk-secret"), start("s"));
        assertThat(config.toString()).doesNotContain("sk-secret");
        assertThat(defaults("wss://example.com", "sk-secret").toString()).doesNotContain("sk-secret");
    }
}
