package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.realtime.upstream.ApiKeyResolver;
import dev.parley.realtime.upstream.SessionType;
import dev.parley.simulator.SimulatorEnabledCondition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** Binding of {@code parley.realtime.*} and base-URL resolution (URL-18). */
class RealtimePropertiesTest {

    private static final AgentProperties AGENT = new AgentProperties(null, null, null, "gpt-5.1",
            Duration.ofSeconds(120), Duration.ofSeconds(10));

    private static RealtimeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("parley.realtime", RealtimeProperties.class);
    }

    @Test
    void defaults() {
        RealtimeProperties properties = bind(Map.of());
        assertEquals("gpt-realtime-1.5", properties.model());
        assertEquals(RealtimeConversationVersion.V2, properties.version());
        assertEquals(SessionType.CONVERSATIONAL, properties.sessionType());
        assertEquals(Duration.ofSeconds(10), properties.connectTimeout());
        assertEquals(DataSize.ofMegabytes(16), properties.maxInboundMessageSize());
        assertEquals(Duration.ofSeconds(2), properties.closeTimeout());
        assertEquals(Duration.ofSeconds(1), properties.v1HandoffGrace());
        assertEquals(Duration.ofSeconds(60), properties.orphanTimeout());
        assertNull(properties.startupContext());
        assertEquals(Map.of(), properties.queryParams());
    }

    @Test
    void explicitValuesIncludingAnEmptyStartupContextAndOrderedQueryParams() {
        RealtimeProperties properties = bind(Map.of("parley.realtime.version", "v1",
                "parley.realtime.session-type", "transcription", "parley.realtime.startup-context", "",
                "parley.realtime.query-params.b", "2", "parley.realtime.query-params.a", "1",
                "parley.realtime.v1-handoff-grace", "0", "parley.realtime.api-key", "sk-secret"));
        assertEquals(RealtimeConversationVersion.V1, properties.version());
        assertEquals(SessionType.TRANSCRIPTION, properties.sessionType());
        assertEquals("", properties.startupContext());
        assertThat(properties.queryParams()).containsOnlyKeys("a", "b");
        assertEquals(Duration.ZERO, properties.v1HandoffGrace());
        assertThat(properties.toString()).doesNotContain("sk-secret");
    }

    @Test
    void url18_baseUrlResolution() {
        MockEnvironment environment = new MockEnvironment();
        ApiKeyResolver noKey = new ApiKeyResolver(name -> null);
        assertEquals("wss://api.openai.com/v1/realtime",
                new RealtimeEndpoint(bind(Map.of("parley.realtime.api-key", "k")), AGENT, noKey, environment).baseUrl());
        assertEquals("wss://api.openai.com/v1/realtime",
                new RealtimeEndpoint(bind(Map.of()), AGENT, new ApiKeyResolver(name -> "env-key"), environment).baseUrl());
        assertEquals("ws://localhost:8080/sim/v1/realtime",
                new RealtimeEndpoint(bind(Map.of()), AGENT, noKey, environment).baseUrl());
        assertEquals("https://example.com/v1", new RealtimeEndpoint(
                bind(Map.of("parley.realtime.base-url", "https://example.com/v1")), AGENT, noKey, environment).baseUrl());
    }

    @Test
    void simulatorIsOnByDefaultOnlyWithoutAKey() {
        assertThat(SimulatorEnabledCondition.isEnabled(new MockEnvironment())).isTrue();
        assertThat(SimulatorEnabledCondition.isEnabled(new MockEnvironment().withProperty("OPENAI_API_KEY", "k")))
                .isFalse();
        assertThat(SimulatorEnabledCondition.isEnabled(new MockEnvironment()
                .withProperty("parley.realtime.api-key", "k").withProperty("parley.simulator.enabled", "true")))
                .isTrue();
        assertThat(SimulatorEnabledCondition.isEnabled(new MockEnvironment()
                .withProperty("parley.simulator.enabled", "false"))).isFalse();
    }

    @Test
    void localhostIsDialledAtTheLoopbackAddressTheServerListensOn() {
        assertEquals("127.0.0.1", RealtimeUpstreamConfiguration.localhostAddress("127.0.0.1").getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", RealtimeUpstreamConfiguration.localhostAddress("::1").getHostAddress());
        assertEquals("127.0.0.1", RealtimeUpstreamConfiguration.localhostAddress(null).getHostAddress());
        assertEquals("127.0.0.1", RealtimeUpstreamConfiguration.localhostAddress("0.0.0.0").getHostAddress());
    }
}
