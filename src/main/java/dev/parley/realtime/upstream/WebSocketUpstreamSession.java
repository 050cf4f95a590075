package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UpstreamSession} over {@code java.net.http.WebSocket}. It is also the socket's listener: the
 * listener callbacks only aggregate fragments and enqueue whole messages ({@code 03} §12); the JDK answers
 * Pings and the peer's Close itself.
 */
final class WebSocketUpstreamSession implements UpstreamSession, WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpstreamSession.class);
    private static final String MESSAGE_TOO_LARGE = UpstreamException.Transport.PREFIX + "message too large";
    /** A fragmented message larger than this gives its aggregation buffer back afterwards. */
    private static final int RETAINED_AGGREGATION_CHARS = 8 * 1024;

    private final RealtimeConversationVersion version;
    private final WebSocketUpstreamConnector.Settings settings;
    private final InboundQueue inbound;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CountDownLatch inputClosed = new CountDownLatch(1);
    private final CountDownLatch closeCompleted = new CountDownLatch(1);
    /** Set by {@link #onOpen} before any other callback and before {@code buildAsync} completes. */
    private volatile @Nullable WebSocket socket;
    private volatile boolean ended;

    /** Fragment aggregation state, touched only by the (sequential) listener callbacks. */
    private final StringBuilder text = new StringBuilder();
    private long binaryBytes;
    private boolean oversize;

    WebSocketUpstreamSession(RealtimeConversationVersion version, WebSocketUpstreamConnector.Settings settings,
            Runnable onInbound) {
        this.version = version;
        this.settings = settings;
        this.inbound = new InboundQueue(settings.inboundCapacity(), () -> requireSocket().request(1), onInbound);
    }

    @Override
    public RealtimeConversationVersion version() {
        return version;
    }

    @Override
    public void send(UpstreamMessage message) throws UpstreamException, InterruptedException {
        sendText(UpstreamMessageEncoder.encode(message));
    }

    void sendText(String json) throws UpstreamException, InterruptedException {
        sendLock.lockInterruptibly();
        try {
            if (closeRequested.get() || ended) {
                throw new UpstreamException.Closed();
            }
            CompletableFuture<WebSocket> sent = requireSocket().sendText(json, true);
            sent.get(settings.sendTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UpstreamException.Transport("send timed out");
        } catch (ExecutionException e) {
            if (closeRequested.get() || ended) {
                throw new UpstreamException.Closed();
            }
            throw new UpstreamException.Transport(ConnectFailures.describe(e.getCause()));
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public Optional<UpstreamInbound> poll() {
        return inbound.poll();
    }

    @Override
    public Optional<UpstreamInbound> poll(Duration timeout) throws InterruptedException {
        return inbound.poll(timeout);
    }

    @Override
    public UpstreamInbound take() throws InterruptedException {
        return inbound.take();
    }

    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            awaitQuietly(closeCompleted, settings.closeTimeout().plusSeconds(1));
            return;
        }
        try {
            WebSocket ws = socket;
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
            if (ws != null && !awaitQuietly(inputClosed, settings.closeTimeout())) {
                log.debug("upstream did not answer Close within {}; dropping the socket", settings.closeTimeout());
            }
            if (ws != null) {
                ws.abort();
            }
            ended = true;
            inbound.addTerminal(new UpstreamInbound.EndOfStream());
        } finally {
            closeCompleted.countDown();
        }
    }

    @Override
    public void abort() {
        closeRequested.set(true);
        ended = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        inbound.addTerminal(new UpstreamInbound.EndOfStream());
        inputClosed.countDown();
        closeCompleted.countDown();
    }

    // --- WebSocket.Listener: runs on the HTTP client's executor, one callback at a time ---

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (oversize) {
            return null;
        }
        if (text.length() + (long) data.length() > settings.maxInboundMessageChars()) {
            tooLarge(webSocket);
            return null;
        }
        if (last && text.isEmpty()) {
            // the usual case, a message in one callback: no copy through the aggregation buffer
            inbound.addMessage(data.toString());
        } else {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (text.capacity() > RETAINED_AGGREGATION_CHARS) {
                    text.trimToSize();
                }
                inbound.addMessage(message);
            }
        }
        requestMore(webSocket, last);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        binaryBytes += data.remaining();
        if (binaryBytes > settings.maxInboundMessageChars()) {
            tooLarge(webSocket);
            return null;
        }
        if (last) {
            log.debug("ignoring a binary upstream message of {} bytes", binaryBytes);
            binaryBytes = 0;
        }
        requestMore(webSocket, true);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        requestMore(webSocket, true);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        requestMore(webSocket, true);
        return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        log.debug("upstream closed the connection: {}", statusCode);
        ended = true;
        inbound.addTerminal(new UpstreamInbound.EndOfStream());
        inputClosed.countDown();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended = true;
        if (closeRequested.get()) {
            inbound.addTerminal(new UpstreamInbound.EndOfStream());
        } else if (inbound.addTerminal(new UpstreamInbound.Failure(
                UpstreamException.Transport.PREFIX + ConnectFailures.describe(error)))) {
            log.debug("upstream connection failed", error);
        }
        inputClosed.countDown();
    }

    private void tooLarge(WebSocket webSocket) {
        oversize = true;
        text.setLength(0);
        text.trimToSize();
        ended = true;
        inbound.addTerminal(new UpstreamInbound.Failure(MESSAGE_TOO_LARGE));
        webSocket.abort();
        inputClosed.countDown();
    }

    /** Requests the next callback unless a whole message just filled the queue (then the reader resumes it). */
    private void requestMore(WebSocket webSocket, boolean wholeMessageBoundary) {
        if (!wholeMessageBoundary || inbound.mayRequestMore()) {
            webSocket.request(1);
        }
    }

    private WebSocket requireSocket() {
        WebSocket ws = socket;
        if (ws == null) {
            throw new IllegalStateException("the WebSocket is not open yet");
        }
        return ws;
    }

    private static boolean awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
