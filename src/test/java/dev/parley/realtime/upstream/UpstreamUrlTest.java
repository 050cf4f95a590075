package dev.parley.realtime.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.RealtimeConversationVersion;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@code 07} §3.1: URL building (URL-01 … URL-17, URL-19; URL-18 is in the configuration tests). */
class UpstreamUrlTest {

    private static Map<String, String> traceAndIntent() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trace", "1");
        params.put("intent", "ignored");
        return params;
    }

    static Stream<Arguments> table() {
        RealtimeConversationVersion v1 = RealtimeConversationVersion.V1;
        RealtimeConversationVersion v2 = RealtimeConversationVersion.V2;
        return Stream.of(
                Arguments.of("URL-01", "http://127.0.0.1:8011", Map.of(), null, v1,
                        "ws://127.0.0.1:8011/v1/realtime?intent=quicksilver"),
                Arguments.of("URL-02", "wss://example.com", Map.of(), "realtime-test-model", v1,
                        "wss://example.com/v1/realtime?intent=quicksilver&model=realtime-test-model"),
                Arguments.of("URL-03", "https://api.openai.com/v1", Map.of(), "snapshot", v1,
                        "wss://api.openai.com/v1/realtime?intent=quicksilver&model=snapshot"),
                Arguments.of("URL-04", "https://example.com/openai/v1", Map.of(), "snapshot", v1,
                        "wss://example.com/openai/v1/realtime?intent=quicksilver&model=snapshot"),
                Arguments.of("URL-05", "https://example.com/v1/realtime?foo=bar", traceAndIntent(), "snapshot", v1,
                        "wss://example.com/v1/realtime?foo=bar&intent=quicksilver&model=snapshot&trace=1"),
                Arguments.of("URL-06", "https://example.com/v1/realtime?foo=bar", traceAndIntent(), "snapshot", v2,
                        "wss://example.com/v1/realtime?foo=bar&model=snapshot&trace=1"),
                Arguments.of("URL-07", "https://example.com", Map.of(), null, v2, "wss://example.com/v1/realtime"),
                Arguments.of("URL-08", "wss://api.openai.com/v1/realtime", Map.of(), "gpt-realtime-1.5", v2,
                        "wss://api.openai.com/v1/realtime?model=gpt-realtime-1.5"),
                Arguments.of("URL-09", "ws://localhost:8080/sim/v1/realtime", Map.of(), "gpt-realtime-1.5", v2,
                        "ws://localhost:8080/sim/v1/realtime?model=gpt-realtime-1.5"),
                Arguments.of("URL-10", "https://api.openai.com/v1", Map.of(), "gpt-realtime-1.5", v2,
                        "wss://api.openai.com/v1/realtime?model=gpt-realtime-1.5"),
                Arguments.of("URL-11", "wss://example.com/v1/realtime/", Map.of(), "m", v2,
                        "wss://example.com/v1/realtime?model=m"),
                Arguments.of("URL-12", "http://localhost:9000/v1/", Map.of(), "m", v2,
                        "ws://localhost:9000/v1/realtime?model=m"),
                Arguments.of("URL-13", "https://example.com/", Map.of(), "m", v1,
                        "wss://example.com/v1/realtime?intent=quicksilver&model=m"),
                Arguments.of("URL-14", "https://example.com/custom/ws", Map.of(), "m", v2,
                        "wss://example.com/custom/ws?model=m"),
                Arguments.of("URL-15", "https://example.com", Map.of("model", "from-params"), null, v2,
                        "wss://example.com/v1/realtime?model=from-params"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void url01to15_table(String id, String base, Map<String, String> params, String model,
            RealtimeConversationVersion version, String expected) throws Exception {
        assertEquals(URI.create(expected), UpstreamUrl.build(base, params, model, version));
    }

    @Test
    void url16_unsupportedSchemeAndUnparsableUrl() {
        assertEquals("unsupported realtime api_url scheme: ftp", assertThrows(UpstreamException.Preflight.class,
                () -> UpstreamUrl.build("ftp://example.com", Map.of(), "m", RealtimeConversationVersion.V2))
                .getMessage());
        assertThat(assertThrows(UpstreamException.Preflight.class,
                () -> UpstreamUrl.build("not a url", Map.of(), "m", RealtimeConversationVersion.V2)).getMessage())
                .startsWith("failed to parse realtime api_url: ");
    }

    @Test
    void url17_modelResolution() {
        assertEquals("start", UpstreamUrl.resolveModel("start", "configured"));
        assertEquals("configured", UpstreamUrl.resolveModel(null, "configured"));
        assertEquals("gpt-realtime-1.5", UpstreamUrl.resolveModel(null, null));
    }

    @Test
    void url19_simulatorDetection() {
        assertTrue(UpstreamUrl.isSimulator(URI.create("ws://localhost:9/sim/v1/realtime")));
        assertTrue(UpstreamUrl.isSimulator(URI.create("ws://127.0.0.1:9/sim/v1/realtime")));
        assertTrue(UpstreamUrl.isSimulator(URI.create("ws://[::1]:9/sim/v1/realtime")));
        assertTrue(UpstreamUrl.isSimulator(URI.create("ws://localhost:9/sim/v1/realtime?model=m")));
        assertFalse(UpstreamUrl.isSimulator(URI.create("ws://example.com/sim/v1/realtime")));
        assertFalse(UpstreamUrl.isSimulator(URI.create("ws://127.0.0.1:9/v1/realtime")));
    }

    @Test
    void queryValuesAreUrlEncoded() throws Exception {
        assertEquals(URI.create("wss://example.com/v1/realtime?model=a+b&api-version=2025%2F01"),
                UpstreamUrl.build("https://example.com", Map.of("api-version", "2025/01"), "a b",
                        RealtimeConversationVersion.V2));
    }
}
