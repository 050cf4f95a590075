package dev.parley.realtime.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime step of a graceful shutdown: every running conversation ends at once, in parallel, the way a
 * client stop ends it (the upstream gets its Close frame and answers it, queued input is dropped, a held V1
 * handoff is published) but with {@code closed{shutdown}}; new starts are refused. Each stop is bounded by the
 * close timeout like any stop; a conversation that has not ended by the deadline loses its upstream socket.
 */
final class ConversationShutdown {

    private static final Logger log = LoggerFactory.getLogger(ConversationShutdown.class);

    private final RealtimeConversationManager manager;

    ConversationShutdown(RealtimeConversationManager manager) {
        this.manager = manager;
    }

    /** Ends every conversation, returning by {@code deadline}; {@code true} when none is left. */
    boolean run(Instant deadline) throws InterruptedException {
        List<Conversation> running = manager.beginShutdown();
        if (!running.isEmpty()) {
            log.info("shutdown: ending {} realtime conversation(s)", running.size());
        }
        List<Thread> stops = new ArrayList<>(running.size());
        for (Conversation conversation : running) {
            stops.add(Thread.ofVirtual().name("realtime-shutdown-" + conversation.threadId).start(() -> {
                try {
                    manager.endForShutdown(conversation);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread stop : stops) {
            if (!stop.join(Duration.between(Instant.now(), deadline))) {
                stop.interrupt();
            }
        }
        boolean none = manager.awaitNone(deadline);
        if (!none) {
            log.warn("shutdown: {} realtime conversation(s) did not end in time", manager.activeConversations());
        }
        return none;
    }
}
