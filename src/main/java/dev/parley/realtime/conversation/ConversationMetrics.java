package dev.parley.realtime.conversation;

import dev.parley.protocol.RealtimeConversationVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Micrometer meters of realtime conversations, tagged with the protocol version. The per-conversation
 * counters REST reports live in {@link ConversationCounters}; these are the server-wide totals.
 */
public final class ConversationMetrics {

    /** The meters of one protocol version, resolved once so the per-frame path does no lookups. */
    record Meters(Counter audioIn, Counter audioInDropped, Counter audioOut, Counter audioOutDropped, Counter handoffs,
            Counter responseCreatesSent, Counter responseCreatesDeferred, Counter truncations, Timer connect) {
    }

    private final Map<RealtimeConversationVersion, Meters> byVersion = new EnumMap<>(RealtimeConversationVersion.class);
    private final Counter refused;

    public ConversationMetrics(MeterRegistry registry, Supplier<Number> activeConversations) {
        Gauge.builder("parley.realtime.conversations.active", activeConversations)
                .description("realtime conversations registered (connecting, running or closing)").register(registry);
        refused = Counter.builder("parley.realtime.conversations.refused")
                .description("realtime starts refused at parley.realtime.max-conversations").register(registry);
        for (RealtimeConversationVersion version : RealtimeConversationVersion.values()) {
            String tag = version.wireName();
            byVersion.put(version, new Meters(
                    counter(registry, "parley.realtime.audio.in.frames", tag, "client audio frames queued for upstream"),
                    counter(registry, "parley.realtime.audio.in.dropped", tag, "client audio frames dropped (queue full)"),
                    counter(registry, "parley.realtime.audio.out.frames", tag, "model audio frames received"),
                    counter(registry, "parley.realtime.audio.out.dropped", tag,
                            "model audio frames shed before publication (publisher queue full)"),
                    counter(registry, "parley.realtime.handoffs", tag, "handoffs routed to the agent"),
                    counter(registry, "parley.realtime.response.create.sent", tag, "response.create frames written"),
                    counter(registry, "parley.realtime.response.create.deferred", tag,
                            "response.create requests deferred behind an active response"),
                    counter(registry, "parley.realtime.truncations", tag, "barge-in truncations written"),
                    Timer.builder("parley.realtime.upstream.connect").tag("version", tag)
                            .description("upstream handshake and session.update").register(registry)));
        }
    }

    Meters meters(RealtimeConversationVersion version) {
        return byVersion.get(version);
    }

    void refused() {
        refused.increment();
    }

    void connected(RealtimeConversationVersion version, Duration took) {
        byVersion.get(version).connect().record(took);
    }

    private static Counter counter(MeterRegistry registry, String name, String version, String description) {
        return Counter.builder(name).tag("version", version).description(description).register(registry);
    }
}
