package dev.parley.realtime.conversation;

import dev.parley.error.ApiException;
import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.realtime.conversation.ConversationInput.ClientAudio;
import dev.parley.realtime.conversation.ConversationInput.ClientText;
import dev.parley.realtime.conversation.ConversationInput.Control;
import dev.parley.realtime.upstream.UpstreamSession;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One realtime session attached to one thread ({@code 04} §2): its identity, lifecycle state, queues and
 * counters. Everything that crosses threads goes through the queues below; the input loop and the publisher
 * own the rest.
 */
final class Conversation {

    static final int AUDIO_IN_CAPACITY = 256;
    static final int TEXT_IN_CAPACITY = 64;
    static final int AGENT_IN_CAPACITY = 64;
    static final int EVENTS_CAPACITY = 256;
    static final long TEXT_OFFER_TIMEOUT_MS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    final ConversationToken token;
    final String threadId;
    final RealtimeConversationVersion version;
    final String realtimeSessionId;
    final ConversationCounters counters;
    final Duration v1HandoffGrace;
    /** Audio (either direction) that waited longer than this in the queues is shed; 0: never ({@code 04} §4). */
    private final long audioMaxDelayNanos;
    final ConversationTimeline timeline;
    /** {@code clientManagedHandoffs}: nothing of the agent's output goes back to the voice model ({@code 09} §1). */
    final boolean clientManagedHandoffs;

    final BlockingQueue<ClientAudio> audioIn = new ArrayBlockingQueue<>(AUDIO_IN_CAPACITY);
    final BlockingQueue<ClientText> textIn = new ArrayBlockingQueue<>(TEXT_IN_CAPACITY);
    final BlockingQueue<AgentReport> agentIn = new ArrayBlockingQueue<>(AGENT_IN_CAPACITY);
    final ConcurrentLinkedQueue<Control> control = new ConcurrentLinkedQueue<>();
    final BlockingQueue<ConversationOutput> events = new ArrayBlockingQueue<>(EVENTS_CAPACITY);
    /** Events queued for the publisher or in its hands; only the loop adds, so 0 means the publisher is idle. */
    private final AtomicInteger eventsInFlight = new AtomicInteger();
    /** Released on every enqueue for the loop (including upstream messages); the loop never spins. */
    final Semaphore wake = new Semaphore(0);

    private final AtomicReference<@Nullable EndReason> endReason = new AtomicReference<>();
    private final AtomicBoolean closedPublished = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicReference<@Nullable Runnable> releaseAction = new AtomicReference<>();
    private volatile @Nullable UpstreamSession session;
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - DROP_WARNING_INTERVAL_NANOS);
    private volatile ConversationState state = ConversationState.STARTING;
    private volatile @Nullable Instant startedAt;
    private volatile @Nullable Instant closedAt;

    Conversation(String threadId, RealtimeConversationVersion version, String realtimeSessionId,
            ConversationCounters counters, Duration v1HandoffGrace, Duration audioMaxDelay, ConversationTimeline timeline,
            boolean clientManagedHandoffs) {
        this.v1HandoffGrace = v1HandoffGrace;
        this.audioMaxDelayNanos = audioMaxDelay.toNanos();
        this.timeline = timeline;
        this.clientManagedHandoffs = clientManagedHandoffs;
        this.token = new ConversationToken(threadId);
        this.threadId = threadId;
        this.version = version;
        this.realtimeSessionId = realtimeSessionId;
        this.counters = counters;
    }

    /** The upstream connection, once connected; the loop owns it, the manager only aborts it. */
    void attach(UpstreamSession upstream) {
        session = upstream;
    }

    /** Drops the upstream connection at once (a stop that timed out: the loop is stuck on a stalled write). */
    void abortUpstream() {
        UpstreamSession upstream = session;
        if (upstream != null) {
            upstream.abort();
        }
    }

    /**
     * What gives back the places the conversation holds (per connection, server-wide); {@link #release} runs it
     * once the conversation is gone: about to publish its {@code closed}, or never connected.
     */
    void whenReleased(Runnable action) {
        releaseAction.set(action);
    }

    /** Runs the {@link #whenReleased} action unless it already ran. */
    void release() {
        Runnable action = releaseAction.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    ConversationState state() {
        return state;
    }

    /** Connected and announced: {@code started} is published. */
    void markRunning(Instant now) {
        startedAt = now;
        state = ConversationState.RUNNING;
    }

    @Nullable Instant startedAt() {
        return startedAt;
    }

    @Nullable Instant closedAt() {
        return closedAt;
    }

    /**
     * Moves to {@code closing} with an end reason, unless another reason won already; returns the reason that
     * holds. The input loop and {@link #markClosed} finish the close.
     */
    EndReason beginClosing(EndReason reason) {
        endReason.compareAndSet(null, reason);
        state = ConversationState.CLOSING;
        return endReason.get();
    }

    /**
     * True if audio queued at {@code queuedNanos} ({@link System#nanoTime()}) is too old to relay now: under
     * overload the loop sheds it (counted) instead of spending the time a fresh frame needs on it, in both
     * directions alike. With the rule off the clock is not read.
     */
    boolean audioStale(long queuedNanos) {
        return audioMaxDelayNanos > 0 && System.nanoTime() - queuedNanos > audioMaxDelayNanos;
    }

    @Nullable EndReason endReason() {
        return endReason.get();
    }

    /** Queues a client audio frame; a full queue drops the new frame and counts it. */
    void offerAudio(String data) {
        if (audioIn.offer(new ClientAudio(data, System.nanoTime()))) {
            counters.audioIn();
            wake.release();
            return;
        }
        counters.audioInDropped();
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= DROP_WARNING_INTERVAL_NANOS && lastDropWarning.compareAndSet(last, now)) {
            log.warn("realtime audio input queue full on thread {}; dropping frames", threadId);
        }
    }

    /**
     * Whether the publisher has nothing queued or in hand. Only the input loop queues events, so when it sees
     * true it may publish an event itself without overtaking one queued earlier.
     */
    boolean publisherIdle() {
        return eventsInFlight.get() == 0;
    }

    /** Queues an event for the publisher unless the queue is full (the caller sheds and counts it). */
    boolean offerEvent(ConversationOutput event) {
        eventsInFlight.incrementAndGet();
        if (events.offer(event)) {
            return true;
        }
        eventsInFlight.decrementAndGet();
        return false;
    }

    /** Queues an event for the publisher, waiting for room. */
    void putEvent(ConversationOutput event) throws InterruptedException {
        eventsInFlight.incrementAndGet();
        try {
            events.put(event);
        } catch (InterruptedException e) {
            eventsInFlight.decrementAndGet();
            throw e;
        }
    }

    /** The publisher is done with one event taken from the queue. */
    void eventPublished() {
        eventsInFlight.decrementAndGet();
    }

    /** Queues client text, waiting up to 10 s for room before answering overloaded. */
    void offerText(ClientText text) throws InterruptedException {
        if (!textIn.offer(text, TEXT_OFFER_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            throw ApiException.overloaded();
        }
        wake.release();
    }

    /** Queues an agent report, blocking the (turn) producer while the queue is full and the conversation lives. */
    void putAgentReport(AgentReport report) throws InterruptedException {
        while (!isClosed()) {
            if (agentIn.offer(report, 100, TimeUnit.MILLISECONDS)) {
                wake.release();
                return;
            }
        }
    }

    void control(Control item) {
        control.add(item);
        wake.release();
    }

    /** Claims the single {@code closed} publication of this conversation. */
    boolean claimClosedPublication() {
        return closedPublished.compareAndSet(false, true);
    }

    /** The end is complete: {@code closed} is published and the conversation is unregistered. */
    void markClosed(Instant now) {
        closedAt = now;
        state = ConversationState.CLOSED;
        closedLatch.countDown();
    }

    /** Whether {@link #markClosed} has run. */
    boolean isClosed() {
        return closedLatch.getCount() == 0;
    }

    boolean awaitClosed(long timeoutMs) throws InterruptedException {
        return closedLatch.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
