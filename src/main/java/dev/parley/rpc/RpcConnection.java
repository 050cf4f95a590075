package dev.parley.rpc;

import dev.parley.protocol.InitializeCapabilities;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection of {@code /rpc}: its handshake state, capabilities, in-flight request count and
 * ordered outbound queue. Everything sent to the client goes through {@link #send(String)}.
 */
public final class RpcConnection {

    private static final Logger log = LoggerFactory.getLogger(RpcConnection.class);
    private static final CloseStatus SLOW_CONSUMER = CloseStatus.POLICY_VIOLATION.withReason("outbound queue limit exceeded");

    private final String id;
    private final WebSocketSession session;
    private final TextFrameSender frames;
    private volatile boolean fastUnmasking;
    private final OutboundQueue outbound;
    private final int outboundLimit;
    private final Consumer<RpcConnection> onClosed;
    private final ConversationQuota conversations;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completes when the connection is closed, whoever closed it. */
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ReentrantLock handshake = new ReentrantLock();
    private final StringBuilder inbound = new StringBuilder();
    private long inboundBytes;
    private boolean inboundOversized;
    private volatile boolean initialized;
    private volatile Set<String> optOuts = Set.of();
    private volatile boolean realtimeEvents;
    private final Map<String, Long> notificationErrors = new ConcurrentHashMap<>();
    private final AtomicLong suppressedNotificationErrors = new AtomicLong();

    RpcConnection(String id, WebSocketSession session, int outboundLimit, ConversationQuota conversations,
            Consumer<RpcConnection> onClosed) {
        this.id = id;
        this.conversations = conversations;
        this.session = session;
        this.frames = TextFrameSender.of(session);
        this.outboundLimit = outboundLimit;
        this.onClosed = onClosed;
        this.outbound = new OutboundQueue(id, outboundLimit, this::write);
    }

    public String id() {
        return id;
    }

    /** The realtime conversations this connection started and that still live. */
    ConversationQuota conversations() {
        return conversations;
    }

    void start() {
        outbound.start();
    }

    /** Queues one outbound JSON-RPC message; a full queue closes the connection as a slow consumer. */
    public void send(String message) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(message)) {
            log.warn("closing connection {}: outbound queue limit {} exceeded", id, outboundLimit);
            close(SLOW_CONSUMER);
        }
    }

    /** The cheap pre-check of {@link #sendNotification}: opt-outs and the event-stream flag. */
    boolean accepts(String method, boolean isRealtimeEvent) {
        return !optOuts.contains(method) && (!isRealtimeEvent || realtimeEvents);
    }

    /**
     * Queues a notification if this connection receives that method (opt-outs, the event stream flag).
     * A connection whose {@code initialize} is being answered waits for it, so it never misses a broadcast
     * produced right after its response was queued and never gets one before that response.
     */
    void sendNotification(String method, boolean isRealtimeEvent, String message) {
        if (!initialized) {
            handshake.lock();
            try {
                if (!initialized) {
                    return;
                }
            } finally {
                handshake.unlock();
            }
        }
        if (accepts(method, isRealtimeEvent)) {
            send(message);
        }
    }

    boolean isInitialized() {
        return initialized;
    }

    /** Marks the connection initialized with its capabilities; false when it already was. */
    boolean initialize(InitializeCapabilities capabilities, Runnable respond) {
        handshake.lock();
        try {
            if (initialized) {
                return false;
            }
            if (capabilities != null) {
                optOuts = capabilities.optOutNotificationMethods() == null ? Set.of()
                        : Set.copyOf(capabilities.optOutNotificationMethods());
                realtimeEvents = Boolean.TRUE.equals(capabilities.realtimeEvents());
            }
            respond.run();
            initialized = true;
            return true;
        } finally {
            handshake.unlock();
        }
    }

    /**
     * Rate limit of notification-form failures: the same (thread, message) error at most once per second;
     * repeats inside that second are counted and logged at debug.
     */
    boolean allowNotificationError(String threadId, String message) {
        long now = System.nanoTime();
        String key = threadId + '\n' + message;
        boolean[] allowed = {false};
        notificationErrors.compute(key, (k, last) -> {
            if (last == null || now - last >= 1_000_000_000L) {
                allowed[0] = true;
                return now;
            }
            return last;
        });
        if (!allowed[0]) {
            long suppressed = suppressedNotificationErrors.incrementAndGet();
            log.debug("connection {}: suppressed repeated error '{}' ({} so far)", id, message, suppressed);
        }
        if (notificationErrors.size() > 1024) {
            notificationErrors.values().removeIf(last -> now - last >= 1_000_000_000L);
        }
        return allowed[0];
    }

    boolean tryAcquireRequest(int limit) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void releaseRequest() {
        inFlight.decrementAndGet();
    }

    /**
     * Adds a partial inbound text message. Returns the whole message once its last part arrived, or
     * {@code null} while more parts follow; an oversized message is discarded and reported through
     * {@link #lastInboundOversized()}.
     */
    String appendInbound(String part, boolean last, int maxBytes) {
        if (last && inbound.isEmpty() && !inboundOversized) {
            // the usual case, a whole message in one part: counted, but not copied (a char is 1 to 3 UTF-8
            // bytes, so an audio frame far below the limit needs no count at all)
            if (part.length() <= maxBytes / 3 || Utf8.length(part) <= maxBytes) {
                return part;
            }
            inboundOversized = true;
            return "";
        }
        if (!inboundOversized) {
            inboundBytes += Utf8.length(part);
            if (inboundBytes > maxBytes) {
                inboundOversized = true;
                inbound.setLength(0);
                inbound.trimToSize();
            } else {
                inbound.append(part);
            }
        }
        if (!last) {
            return null;
        }
        String message = inboundOversized ? "" : inbound.toString();
        inbound.setLength(0);
        if (inbound.capacity() > 65_536) {
            inbound.trimToSize();
        }
        inboundBytes = 0;
        return message;
    }

    /**
     * Holds the inbound side while this connection's own outbound queue is more than half full, at most
     * {@code timeoutNanos}: the answers to pipelined requests then pace the requests, and only a client
     * that stops reading altogether reaches the bound and is closed.
     */
    void awaitOutboundRoom(long timeoutNanos) {
        try {
            outbound.awaitAtMost(outboundLimit / 2, timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the message just completed by {@link #appendInbound} exceeded the limit; resets the flag. */
    boolean lastInboundOversized() {
        boolean oversized = inboundOversized;
        inboundOversized = false;
        return oversized;
    }

    /**
     * Server shutdown: writes everything queued for this client (the {@code closed{shutdown}} and
     * {@code turn/completed} of its threads included), then closes the socket with {@code status}. The future
     * completes once the Close frame is written, or when the connection closed any other way.
     */
    CompletableFuture<Void> drainAndClose(CloseStatus status) {
        if (!outbound.finish(() -> closeAfterDrain(status))) {
            close(status);
        }
        return terminated;
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("close of connection {} failed: {}", id, e.toString());
        }
    }

    private void disconnected() {
        onClosed.accept(this);
        terminated.complete(null);
    }

    /** On the sender thread, after the last queued message: nothing else writes to the session any more. */
    private void closeAfterDrain(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeSession(status);
        disconnected();
    }

    /** Closes the socket (best effort, off the caller's thread) and runs the disconnect handling once. */
    void close(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbound.close();
        Thread.ofVirtual().name("rpc-close-" + id).start(() -> closeSession(status));
        disconnected();
    }

    /** The peer closed: stop sending and run the disconnect handling once. */
    void closedByPeer() {
        if (closed.compareAndSet(false, true)) {
            outbound.close();
            disconnected();
        }
    }

    void unmasksFast(boolean installed) {
        fastUnmasking = installed;
    }

    /** Whether this connection's frames are unmasked by {@link TomcatUnmasking} rather than the container's loop. */
    boolean unmasksFast() {
        return fastUnmasking;
    }

    /** Whether outbound text goes to the container as pre-encoded bytes ({@link TextFrameSender}). */
    boolean writesPreEncodedText() {
        return frames.preEncoded();
    }

    boolean isClosed() {
        return closed.get();
    }

    private void write(String message) {
        try {
            frames.send(Utf8.withoutLoneSurrogates(message));
        } catch (IOException | RuntimeException e) {
            // the socket is broken: stop using it, like a disconnect
            log.debug("send on connection {} failed: {}", id, e.toString());
            close(CloseStatus.SERVER_ERROR);
        }
    }
}
