package dev.parley.realtime.conversation;

import dev.parley.protocol.ConversationTextRole;
import dev.parley.error.ApiException;
import dev.parley.error.ErrorKind;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.v2.ThreadRealtimeClosedNotification;
import dev.parley.protocol.v2.ThreadRealtimeStartParams;
import dev.parley.realtime.conversation.ConversationInput.ClientText;
import dev.parley.realtime.conversation.ConversationInput.Control;
import dev.parley.realtime.upstream.UpstreamConnector;
import dev.parley.realtime.upstream.UpstreamException;
import dev.parley.realtime.upstream.UpstreamSession;
import dev.parley.realtime.upstream.UpstreamSessionConfig;
import dev.parley.realtime.timeline.RealtimeTimelineStore;
import dev.parley.thread.NotificationPublisher;
import dev.parley.thread.ThreadLanes;
import dev.parley.thread.ThreadRecord;
import dev.parley.thread.UuidV7;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One realtime conversation per thread ({@code 04} §2, §3): start (preflight, replace, connect), stop, appends,
 * agent reports, the orphan rule and the state REST reports. Knows nothing of JSON-RPC or HTTP: callers answer
 * their requests and call in here inside the thread's FIFO slot. The books (the current conversation per thread,
 * its history) are the {@link ConversationRegistry}'s; the admission limit is the {@link ConversationAdmission}'s.
 */
public final class RealtimeConversationManager implements AgentReportSink, AutoCloseable {

    /**
     * Everything the manager needs besides its collaborators' behaviour.
     *
     * @param audioMaxDelay    audio older than this in a conversation's queues is shed and counted; zero: never
     * @param maxConversations conversations admitted at once server-wide ({@link #admit}); 0 means no limit
     */
    public record Settings(Duration closeTimeout, Duration orphanTimeout, Duration v1HandoffGrace,
            Duration audioMaxDelay, int maxConversations) {
    }

    private static final Logger log = LoggerFactory.getLogger(RealtimeConversationManager.class);
    static final String SHUTTING_DOWN = "server is shutting down";

    private final RealtimeStartPreflight preflight;
    private final UpstreamConnector connector;
    private final NotificationPublisher notifications;
    private final RealtimeNotifications eventNotifications;
    private final HandoffRouter router;
    private final ThreadLanes lanes;
    private final ToIntFunction<String> subscriberCount;
    private final ConversationMetrics metrics;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final OrphanWatch orphans;
    private final RealtimeTimelineStore timeline;
    private final ConversationRegistry registry;
    private final ConversationAdmission admission;

    RealtimeConversationManager(RealtimeStartPreflight preflight, UpstreamConnector connector,
            NotificationPublisher notifications, HandoffRouter router, ThreadLanes lanes,
            ToIntFunction<String> subscriberCount, MeterRegistry meterRegistry, Clock clock, Settings settings,
            RealtimeTimelineStore timeline) {
        this.preflight = preflight;
        this.timeline = timeline;
        this.connector = connector;
        this.notifications = notifications;
        this.registry = new ConversationRegistry(notifications, clock);
        this.eventNotifications = new RealtimeNotifications(notifications, registry::recordError);
        this.router = router;
        this.lanes = lanes;
        this.subscriberCount = subscriberCount;
        this.metrics = new ConversationMetrics(meterRegistry, this::activeConversations);
        this.admission = new ConversationAdmission(settings.maxConversations(), metrics);
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("realtime-orphan-timer").factory());
        this.orphans = new OrphanWatch(timer, settings.orphanTimeout(), this::orphanExpired);
    }

    /** Stops the orphan timer; conversations end with their sockets when the server shuts down. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Conversations registered now (connecting, running or closing). */
    public int activeConversations() {
        return registry.size();
    }

    /**
     * Admission control: claims one of the server's {@code maxConversations} places for a start on this thread,
     * before the start is answered, so load beyond what the machine carries is refused up front instead of
     * degrading every running conversation. The returned action gives the place back; the caller passes it on
     * as (part of) the start's {@code onEnded}, or runs it if the start fails before that. A start that replaces
     * the thread's running conversation is always admitted: the old one's place is given back when it closes.
     *
     * @throws ApiException {@code OVERLOADED} when the server is at its limit
     */
    public Runnable admit(String threadId) {
        return admission.admit(registry.current(threadId) != null);
    }

    /**
     * Preflight, with no side effects. The caller answers its request, then calls {@link #carryOut}.
     *
     * @throws ApiException {@code -32602} for a non-empty {@code initialItems} (realtime v3 only, {@code 09} §1)
     */
    public PreparedStart prepareStart(ThreadRecord thread, ThreadRealtimeStartParams params) {
        if (params.initialItems() != null && !params.initialItems().isEmpty()) {
            throw new ApiException(ErrorKind.INVALID_PARAMS,
                    "initialItems requires realtime v3, which Parley does not support");
        }
        String realtimeSessionId = params.realtimeSessionId() != null ? params.realtimeSessionId() : UuidV7.next();
        try {
            return new PreparedStart.Connect(params, realtimeSessionId,
                    preflight.prepare(thread, params, realtimeSessionId));
        } catch (UpstreamException.Preflight e) {
            return new PreparedStart.Refused(params.threadId(), e.getMessage());
        }
    }

    /**
     * The rest of a start, run inside the thread's FIFO slot after the request was answered: a refused start
     * publishes {@code thread/realtime/error} only (nothing else changes); otherwise replace, connect and
     * publish {@code started} ({@code 04} §3.1 steps 4–6). {@code onEnded} runs exactly once, when this
     * start's conversation is gone again: after its {@code closed}, or at once if it was refused or never
     * connected (the per-connection limit counts live conversations).
     */
    public void carryOut(PreparedStart prepared, Runnable onEnded) throws InterruptedException {
        switch (prepared) {
            case PreparedStart.Refused refused -> {
                onEnded.run();
                registry.publishError(refused.threadId(), refused.message());
            }
            case PreparedStart.Connect connect -> start(connect.params(), connect.realtimeSessionId(), connect.config(),
                    onEnded);
        }
    }

    private void start(ThreadRealtimeStartParams params, String realtimeSessionId, UpstreamSessionConfig config,
            Runnable onEnded) throws InterruptedException {
        String threadId = params.threadId();
        if (registry.shuttingDown()) {
            onEnded.run();
            registry.publishError(threadId, SHUTTING_DOWN);
            return;
        }
        Conversation old = registry.current(threadId);
        if (old != null) {
            try {
                stopAndWait(old, EndReason.REPLACED);
            } catch (InterruptedException e) {
                onEnded.run();
                throw e;
            }
        }
        Conversation conversation = new Conversation(threadId, config.version(), realtimeSessionId,
                new ConversationCounters(metrics.meters(config.version())), settings.v1HandoffGrace(),
                settings.audioMaxDelay(),
                new ConversationTimeline(threadId, realtimeSessionId, timeline, notifications, clock),
                Boolean.TRUE.equals(params.clientManagedHandoffs()));
        conversation.whenReleased(onEnded);
        registry.register(conversation);
        long began = System.nanoTime();
        UpstreamSession session;
        try {
            session = connector.connect(config, conversation.wake::release);
        } catch (InterruptedException e) {
            // shutdown during the connect: nothing may stay registered in STARTING
            unregister(conversation);
            throw e;
        } catch (UpstreamException.Connect e) {
            unregister(conversation);
            String message = config.redactor().redact(e.getMessage());
            log.warn("realtime connect failed: {}", message);
            registry.publishError(threadId, message);
            return;
        }
        conversation.attach(session);
        metrics.connected(config.version(), Duration.ofNanos(System.nanoTime() - began));
        // stored before started is published (09 §3.1); no other notification of this conversation exists yet
        conversation.timeline.sessionStarted();
        if (!registry.announce(conversation)) {
            // connected after the shutdown took its list: never announced, so it ends with an error, not closed;
            // its history still gets its end, so no session is left open in the timeline
            conversation.timeline.sessionClosed(EndReason.SHUTDOWN);
            session.close();
            unregister(conversation);
            registry.publishError(threadId, SHUTTING_DOWN);
            return;
        }
        log.info("realtime conversation started ({})", conversation.version.wireName());
        Thread.ofVirtual().name("realtime-publisher-" + threadId).start(
                new ConversationPublisher(conversation, router, eventNotifications, this::finish));
        Thread.ofVirtual().name("realtime-loop-" + threadId).start(new InputLoop(conversation, session,
                config.redactor(), (event, conflict) -> publishInline(conversation, event, conflict)));
        if (subscriberCount.applyAsInt(threadId) == 0) {
            orphans.arm(conversation.token);
        }
    }

    /**
     * The first step of a server shutdown: from now on every start is refused with {@value #SHUTTING_DOWN}
     * ({@code thread/realtime/error}); returns the announced conversations, which {@link ConversationShutdown}
     * then ends. A conversation still connecting sees the flag once connected and goes away by itself.
     */
    List<Conversation> beginShutdown() {
        return registry.beginShutdown();
    }

    /** Ends a conversation for the shutdown: {@code closed{shutdown}} after the upstream Close handshake. */
    void endForShutdown(Conversation conversation) throws InterruptedException {
        try {
            stopAndWait(conversation, EndReason.SHUTDOWN);
        } catch (InterruptedException e) {
            // out of time: drop the socket rather than leave it to the process exit
            conversation.abortUpstream();
            finish(conversation);
            throw e;
        }
    }

    /** Waits until no conversation is registered, at most until {@code deadline}; {@code true} when none is. */
    boolean awaitNone(Instant deadline) throws InterruptedException {
        return registry.awaitNone(deadline);
    }

    /** Client stop: {@code closed{requested}} always, even when nothing was running ({@code 04} §3.2). */
    public void stop(String threadId) throws InterruptedException {
        Conversation conversation = registry.current(threadId);
        if (conversation == null) {
            notifications.toSubscribers(threadId, ProtocolRegistry.REALTIME_CLOSED,
                    new ThreadRealtimeClosedNotification(threadId, EndReason.REQUESTED.wireName()));
            return;
        }
        stopAndWait(conversation, EndReason.REQUESTED);
    }

    /** Queues client audio; dropped and counted when the audio queue is full. */
    public void appendAudio(String threadId, String base64) {
        Conversation conversation = registry.require(threadId);
        if (conversation.state() == ConversationState.RUNNING) {
            conversation.offerAudio(base64);
        }
    }

    /** Counts a notification-form audio frame that did not even fit in the thread's FIFO ({@code 02} §2.6). */
    public void audioDroppedBeforeQueue(String threadId) {
        Conversation conversation = registry.current(threadId);
        if (conversation != null) {
            conversation.counters.audioInDropped();
        }
    }

    /** Queues client text (role {@code user} when null); whitespace-only text is a no-op. */
    public void appendText(String threadId, String text, @Nullable ConversationTextRole role, boolean createResponse)
            throws InterruptedException {
        offerText(threadId, text, new ClientText.Text(role == null ? ConversationTextRole.USER : role, text,
                createResponse));
    }

    /** Queues text the voice model should say; whitespace-only text is a no-op. */
    public void appendSpeech(String threadId, String text) throws InterruptedException {
        offerText(threadId, text, new ClientText.Speech(text));
    }

    @Override
    public void report(AgentReport report) {
        report.tags().stream().map(HandoffTag::token).distinct().forEach(token -> {
            Conversation conversation = registry.current(token.threadId());
            if (conversation == null || conversation.token != token
                    || conversation.state() != ConversationState.RUNNING) {
                return;
            }
            try {
                conversation.putAgentReport(report);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The realtime state of a thread for REST. */
    public RealtimeState state(String threadId) {
        return registry.state(threadId, subscriberCount);
    }

    /** Subscription callbacks (never blocking): arm or cancel the orphan timer. */
    public void lastSubscriberLeft(String threadId) {
        Conversation conversation = registry.current(threadId);
        if (conversation != null) {
            orphans.arm(conversation.token);
        }
    }

    public void firstSubscriberJoined(String threadId) {
        orphans.disarm(threadId);
    }

    private void offerText(String threadId, String text, ClientText item) throws InterruptedException {
        Conversation conversation = registry.require(threadId);
        if (conversation.state() == ConversationState.RUNNING && !text.isBlank()) {
            conversation.offerText(item);
        }
    }

    /** The orphan timer expired: an internal stop in the thread's FIFO slot, if still warranted. */
    private void orphanExpired(ConversationToken token) {
        try {
            lanes.submit(token.threadId(), () -> {
                Conversation conversation = registry.current(token.threadId());
                if (conversation != null && conversation.token == token
                        && subscriberCount.applyAsInt(token.threadId()) == 0) {
                    try {
                        stopAndWait(conversation, EndReason.ORPHANED);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return CompletableFuture.completedFuture(null);
            });
        } catch (ApiException overloaded) {
            log.warn("thread queue full; re-arming the orphan timer");
            orphans.arm(token);
        }
    }

    /**
     * Ends a conversation and waits until its {@code closed} is published, bounded by the close timeout + 1 s;
     * on timeout (the loop is stuck writing to an upstream that stopped reading) the socket is aborted, which
     * fails the stuck write and lets the loop end, and {@code closed} is published here (exactly once either way).
     */
    private void stopAndWait(Conversation conversation, EndReason reason) throws InterruptedException {
        conversation.beginClosing(reason);
        conversation.control(new Control.Stop(reason));
        if (!conversation.awaitClosed(settings.closeTimeout().toMillis() + 1_000)) {
            log.warn("realtime conversation did not close in time; dropping its upstream connection");
            conversation.abortUpstream();
            finish(conversation);
        }
    }

    /** Publishes the conversation's single {@code closed} and unregisters it if it is still current. */
    private void finish(Conversation conversation) {
        // free the per-connection slot before closed is published: a client that sees closed may start again
        conversation.release();
        EndReason reason = conversation.endReason() != null ? conversation.endReason() : EndReason.ERROR;
        boolean claimed = conversation.claimClosedPublication();
        if (claimed) {
            // outside the registry lock: the end waits (bounded) until its sealed items are durable and out (09 §3.4)
            conversation.timeline.sessionClosed(reason);
        }
        registry.closed(conversation, reason, claimed, () -> orphans.disarm(conversation.threadId));
    }

    /** An event the input loop publishes itself while its publisher is idle; a failure must not end the loop. */
    private void publishInline(Conversation conversation, RealtimeEvent event, boolean nonFatalConflict) {
        try {
            eventNotifications.publish(conversation.threadId, conversation.timeline, event, nonFatalConflict);
        } catch (RuntimeException e) {
            log.error("publishing a realtime event failed", e);
        }
    }

    /** Removes a conversation that never got {@code started} and gives back its places. */
    private void unregister(Conversation conversation) {
        registry.unregister(conversation);
        conversation.release();
    }
}
