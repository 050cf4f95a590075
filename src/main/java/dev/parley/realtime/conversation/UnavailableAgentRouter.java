package dev.parley.realtime.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff router while no agent-turn layer is installed: it records every handoff on its thread (the
 * last {@value #KEPT_PER_THREAD} per thread, a counter and an INFO log line) and answers
 * {@link HandoffRouter.RouteResult.Rejected}, so the conversation answers the voice model at once (V2:
 * "Background agent finished without producing a message."). The turn layer replaces this bean.
 */
public final class UnavailableAgentRouter implements HandoffRouter {

    /** One handoff that reached no agent. */
    public record RecordedHandoff(String handoffId, String envelopeText, Instant at) {
    }

    static final int KEPT_PER_THREAD = 16;

    private static final Logger log = LoggerFactory.getLogger(UnavailableAgentRouter.class);

    private final Map<String, Deque<RecordedHandoff>> byThread = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Counter unrouted;

    public UnavailableAgentRouter(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.unrouted = Counter.builder("parley.realtime.handoffs.unrouted")
                .description("handoffs that found no agent to run them").register(registry);
    }

    @Override
    public RouteResult route(String threadId, String envelopeText, HandoffTag tag) {
        Deque<RecordedHandoff> recorded = byThread.computeIfAbsent(threadId, id -> new ArrayDeque<>());
        synchronized (recorded) {
            recorded.addLast(new RecordedHandoff(tag.handoffId(), envelopeText, clock.instant()));
            if (recorded.size() > KEPT_PER_THREAD) {
                recorded.removeFirst();
            }
        }
        unrouted.increment();
        log.info("handoff {} not routed: no agent-turn layer is installed", tag.handoffId());
        return new RouteResult.Rejected();
    }

    /** The most recent handoffs of a thread, oldest first. */
    public List<RecordedHandoff> recorded(String threadId) {
        Deque<RecordedHandoff> recorded = byThread.get(threadId);
        if (recorded == null) {
            return List.of();
        }
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }
}
