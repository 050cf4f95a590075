package dev.parley.realtime.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the upstream with the JDK WebSocket client: one connection per conversation, no subprotocol,
 * no retries ({@code 03} §4.3, §12).
 */
public final class WebSocketUpstreamConnector implements UpstreamConnector {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpstreamConnector.class);

    /**
     * Socket settings.
     *
     * @param connectTimeout          handshake timeout ({@code parley.realtime.connect-timeout})
     * @param maxInboundMessageChars  largest aggregated message, UTF-16 chars for text, bytes for binary
     * @param closeTimeout            wait for the upstream's Close reply ({@code parley.realtime.close-timeout})
     * @param sendTimeout             a send not completed within this is a write failure ({@code 04} §5)
     * @param inboundCapacity         whole messages buffered before the socket stops being read ({@code 04} §4)
     * @param localhostAddress        the address dialled for the host name {@code localhost}: the address the
     *                                embedded server listens on, so {@code localhost} resolving to
     *                                {@code ::1} first cannot miss a server bound to {@code 127.0.0.1}
     */
    public record Settings(Duration connectTimeout, long maxInboundMessageChars, Duration closeTimeout,
            Duration sendTimeout, int inboundCapacity, InetAddress localhostAddress) {

        public static final long DEFAULT_MAX_INBOUND = 16L * 1024 * 1024;
        public static final int DEFAULT_INBOUND_CAPACITY = 256;

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), DEFAULT_MAX_INBOUND, Duration.ofSeconds(2),
                    Duration.ofSeconds(10), DEFAULT_INBOUND_CAPACITY, InetAddress.getLoopbackAddress());
        }

        public Settings withConnectTimeout(Duration timeout) {
            return new Settings(timeout, maxInboundMessageChars, closeTimeout, sendTimeout, inboundCapacity,
                    localhostAddress);
        }

        public Settings withMaxInboundMessageChars(long max) {
            return new Settings(connectTimeout, max, closeTimeout, sendTimeout, inboundCapacity, localhostAddress);
        }

        public Settings withCloseTimeout(Duration timeout) {
            return new Settings(connectTimeout, maxInboundMessageChars, timeout, sendTimeout, inboundCapacity,
                    localhostAddress);
        }

        public Settings withInboundCapacity(int capacity) {
            return new Settings(connectTimeout, maxInboundMessageChars, closeTimeout, sendTimeout, capacity,
                    localhostAddress);
        }
    }

    /**
     * The JDK client's per-connection buffers, sized for realtime audio instead of its 16 KiB defaults: a
     * 20–40 ms audio frame is a 1.5–3 KB message, and every conversation holds one socket read buffer, one
     * encoder buffer and one write buffer for its whole life (larger messages are simply read and written in
     * several chunks). The JDK reads these once, when its HTTP classes initialise, so they are set before the
     * first client exists ({@link #sizeJdkClientBuffers()} is also called from {@code main}); a value the user
     * set on the command line wins.
     */
    static final Map<String, String> JDK_CLIENT_BUFFERS = Map.of(
            "jdk.httpclient.bufsize", "4096",
            "jdk.httpclient.websocket.intermediateBufferSize", "4096",
            "jdk.httpclient.websocket.writeBufferSize", "4096");

    static {
        sizeJdkClientBuffers();
    }

    /** Applies {@link #JDK_CLIENT_BUFFERS} where not set already; idempotent. */
    public static void sizeJdkClientBuffers() {
        JDK_CLIENT_BUFFERS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    private final Settings settings;
    private final HttpClient client;

    public WebSocketUpstreamConnector(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public UpstreamSession connect(UpstreamSessionConfig config, Runnable onInbound)
            throws UpstreamException.Connect, InterruptedException {
        WebSocketUpstreamSession session = new WebSocketUpstreamSession(config.version(), settings, onInbound);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
        config.headers().forEach(builder::header);
        URI target = dialTarget(config.url());
        log.debug("connecting to realtime upstream {}", config.url());
        CompletableFuture<WebSocket> opening = builder.buildAsync(target, session);
        try {
            // The builder enforces the handshake timeout; the margin only guards against a stuck future.
            opening.get(settings.connectTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new UpstreamException.Connect(ConnectFailures.timedOut(settings.connectTimeout()));
        } catch (ExecutionException e) {
            throw new UpstreamException.Connect(ConnectFailures.isTimeout(e.getCause())
                    ? ConnectFailures.timedOut(settings.connectTimeout())
                    : ConnectFailures.describe(e.getCause()));
        } catch (InterruptedException e) {
            opening.cancel(true);
            throw e;
        }
        try {
            session.send(config.sessionUpdate());
        } catch (UpstreamException e) {
            session.close();
            throw new UpstreamException.Connect(e.getMessage());
        }
        return session;
    }

    private URI dialTarget(URI url) {
        if (!"localhost".equalsIgnoreCase(url.getHost())) {
            return url;
        }
        String host = settings.localhostAddress().getHostAddress();
        String authority = (host.contains(":") ? "[" + host + "]" : host)
                + (url.getPort() == -1 ? "" : ":" + url.getPort());
        return URI.create(url.getScheme() + "://" + authority + url.getRawPath()
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }
}
