package dev.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted realtime upstream for tests ({@code 07-conformance.md} §1.1): a tiny RFC 6455 server on a random
 * loopback port. Connection <i>i</i> follows script <i>i</i>: after receiving the client's text frame number
 * <i>k</i> (frame 0 is {@code session.update}) it sends batch <i>k</i>, message by message. It records the
 * handshake, every text frame, Close codes and Pongs.
 */
public final class FakeUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final int port;
    private volatile ServerSocket server;
    private volatile List<FakeUpstreamScript> scripts;
    private final List<Recording> connections = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile Thread acceptor;

    private FakeUpstream(List<FakeUpstreamScript> scripts) throws IOException {
        this.scripts = List.copyOf(scripts);
        this.server = listen(0);
        this.port = server.getLocalPort();
        this.acceptor = startAcceptor(server);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private Thread startAcceptor(ServerSocket socket) {
        return Thread.ofVirtual().name("fake-upstream-accept").start(() -> acceptLoop(socket));
    }

    /** Starts a server; connection <i>i</i> uses {@code scripts[i]} (later connections get an empty script). */
    public static FakeUpstream start(FakeUpstreamScript... scripts) throws IOException {
        return new FakeUpstream(List.of(scripts));
    }

    /** {@link #start} for static fields of test classes: one fake per class, reset per test. */
    public static FakeUpstream startForTests() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeUpstreamScript script() {
        return new FakeUpstreamScript();
    }

    /** {@code http://127.0.0.1:<port>}, to be used as the realtime base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Stops listening, so that new connections are refused at the TCP level ({@code ECONNREFUSED});
     * established connections are not touched. {@link #acceptConnections()} listens again on the same port.
     */
    public void refuseConnections() throws IOException, InterruptedException {
        server.close();
        acceptor.join(Duration.ofSeconds(5));
    }

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public void acceptConnections() throws IOException {
        if (!server.isClosed()) {
            return;
        }
        server = listen(port);
        acceptor = startAcceptor(server);
    }

    /** Connections whose TCP socket is still open (at the fake's end). */
    public long openConnections() {
        return connections.stream().filter(connection -> !connection.ended).count();
    }

    /** Waits until every connection accepted so far has ended. */
    public void awaitAllEnded(Duration timeout) throws InterruptedException, TimeoutException {
        awaitUntil(() -> openConnections() == 0, timeout, "every upstream connection to end");
    }

    /**
     * Starts over with new scripts, for a server shared by the tests of one class: earlier connections are
     * dropped and forgotten, and the next connection is connection 0 of {@code scripts}.
     */
    public void reset(FakeUpstreamScript... scripts) {
        for (Recording connection : connections) {
            connection.closeSocket();
        }
        connections.clear();
        this.scripts = List.of(scripts);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** The recording of connection {@code index}, waiting up to 5 s for it to be accepted. */
    public Recording connection(int index) throws InterruptedException, TimeoutException {
        awaitUntil(() -> connections.size() > index, Duration.ofSeconds(5), "connection " + index);
        return connections.get(index);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Recording connection : connections) {
            connection.closeSocket();
        }
        acceptor.interrupt();
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int index = connections.size();
                FakeUpstreamScript script = index < scripts.size() ? scripts.get(index) : new FakeUpstreamScript();
                Recording recording = new Recording(socket, script);
                connections.add(recording);
                signal();
                Thread.ofVirtual().name("fake-upstream-conn-" + index).start(recording::serve);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                if (remaining <= 0) {
                    throw new TimeoutException("timed out waiting for " + what);
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    public static FakeUpstreamOut text(String json) {
        return new FakeUpstreamOut.Text(json);
    }

    public static FakeUpstreamOut fragment(String json, int frames) {
        return new FakeUpstreamOut.Fragmented(json, frames);
    }

    public static FakeUpstreamOut binary(byte... bytes) {
        return new FakeUpstreamOut.Binary(bytes);
    }

    public static FakeUpstreamOut ping(String payload) {
        return new FakeUpstreamOut.Ping(payload.getBytes(StandardCharsets.UTF_8));
    }

    public static FakeUpstreamOut closeFrame(int code) {
        return new FakeUpstreamOut.Close(code);
    }

    /** Everything one connection saw. */
    public final class Recording {
        private final Socket socket;
        private final FakeUpstreamScript script;
        private final ReentrantLock writeLock = new ReentrantLock();
        private final List<String> frames = new CopyOnWriteArrayList<>();
        private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        private final List<String> pongs = new CopyOnWriteArrayList<>();
        private final Map<String, String> headers = new ConcurrentHashMap<>();
        private volatile String requestUri = "";
        private volatile boolean ended;
        private boolean closeSent;
        private final CountDownLatch resumeReading = new CountDownLatch(1);

        private Recording(Socket socket, FakeUpstreamScript script) {
            this.socket = socket;
            this.script = script;
        }

        /** Path and query of the handshake request. */
        public String requestUri() {
            return requestUri;
        }

        /** Handshake headers, names lowercased. */
        public Map<String, String> headers() {
            return Map.copyOf(headers);
        }

        public List<String> frames() {
            return List.copyOf(frames);
        }

        /**
         * Text frame {@code index}, waiting up to 5 s for it: a notification the client sees after a write
         * (such as {@code started} after {@code session.update}) can overtake the frame on its way here.
         */
        public JsonNode frame(int index) throws InterruptedException, TimeoutException {
            return JSON.readTree(awaitFrames(index + 1, Duration.ofSeconds(5)).get(index));
        }

        public List<Integer> closeCodes() {
            return List.copyOf(closeCodes);
        }

        public List<String> pongs() {
            return List.copyOf(pongs);
        }

        public boolean ended() {
            return ended;
        }

        public List<String> awaitFrames(int count, Duration timeout) throws InterruptedException, TimeoutException {
            awaitUntil(() -> frames.size() >= count, timeout, count + " frames");
            return frames();
        }

        public void awaitClose(Duration timeout) throws InterruptedException, TimeoutException {
            awaitUntil(() -> !closeCodes.isEmpty(), timeout, "a Close frame");
        }

        public void awaitPong(Duration timeout) throws InterruptedException, TimeoutException {
            awaitUntil(() -> !pongs.isEmpty(), timeout, "a Pong");
        }

        public void awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
            awaitUntil(() -> ended, timeout, "the end of the connection");
        }

        /** Lets a connection stalled by {@link FakeUpstreamScript#stopReadingAfter(int)} read again. */
        public void resumeReading() {
            resumeReading.countDown();
        }

        /** Sends a message outside the script. */
        public void send(FakeUpstreamOut message) throws IOException {
            sendOut(socket.getOutputStream(), message);
        }

        private void serve() {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                if (!handshake(in, out)) {
                    return;
                }
                readFrames(in, out);
            } catch (IOException | InterruptedException e) {
                // The client went away or the test closed the server: the recording is complete.
            } finally {
                ended = true;
                signal();
            }
        }

        private boolean handshake(InputStream in, OutputStream out) throws IOException, InterruptedException {
            String requestLine = readLine(in);
            if (requestLine == null) {
                return false;
            }
            requestUri = requestLine.split(" ")[1];
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            signal();
            if (script.neverAnswerHandshake) {
                while (in.read() >= 0) {
                    // Hold the TCP connection open without ever answering.
                }
                return false;
            }
            Thread.sleep(script.acceptDelay);
            if (script.handshakeStatus != 101) {
                out.write(("HTTP/1.1 " + script.handshakeStatus + " Rejected\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return false;
            }
            String accept = acceptKey(headers.get("sec-websocket-key"));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        }

        private void readFrames(InputStream in, OutputStream out) throws IOException {
            StringBuilder text = new StringBuilder();
            boolean inText = false;
            while (true) {
                WebSocketFrames.Frame frame = WebSocketFrames.read(in);
                switch (frame.opcode()) {
                    case WebSocketFrames.TEXT, WebSocketFrames.CONTINUATION -> {
                        inText = inText || frame.opcode() == WebSocketFrames.TEXT;
                        text.append(new String(frame.payload(), StandardCharsets.UTF_8));
                        if (frame.fin() && inText) {
                            inText = false;
                            onText(text.toString(), out);
                            text.setLength(0);
                        }
                    }
                    case WebSocketFrames.PING -> writeFrame(out, WebSocketFrames.PONG, frame.payload());
                    case WebSocketFrames.PONG -> {
                        pongs.add(new String(frame.payload(), StandardCharsets.UTF_8));
                        signal();
                    }
                    case WebSocketFrames.CLOSE -> {
                        byte[] p = frame.payload();
                        closeCodes.add(p.length >= 2 ? ((p[0] & 0xFF) << 8) | (p[1] & 0xFF) : 1005);
                        signal();
                        if (!closeSent) {
                            writeFrame(out, WebSocketFrames.CLOSE, p.length >= 2 ? new byte[] {p[0], p[1]} : p);
                        }
                        return;
                    }
                    default -> {
                        // Binary client frames are not part of the protocol; ignore them.
                    }
                }
            }
        }

        private void onText(String message, OutputStream out) throws IOException {
            int index = frames.size();
            frames.add(message);
            signal();
            if (index == script.stopReadingAfter) {
                // stop reading the socket (the client's writes back up into the TCP buffers) until resumed
                try {
                    resumeReading.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while stalled", e);
                }
            }
            if (index < script.batches.size()) {
                for (FakeUpstreamOut item : script.batches.get(index)) {
                    sendOut(out, item);
                }
                if (index == script.batches.size() - 1) {
                    if (script.closeAfterScript) {
                        sendOut(out, new FakeUpstreamOut.Close(1000));
                    } else if (script.dropAfterScript) {
                        sendOut(out, new FakeUpstreamOut.Drop());
                    }
                }
            }
        }

        private void sendOut(OutputStream out, FakeUpstreamOut item) throws IOException {
            switch (item) {
                case FakeUpstreamOut.Text(String json) -> writeFrame(out, WebSocketFrames.TEXT, utf8(json));
                case FakeUpstreamOut.Fragmented(String json, int count) -> writeFragments(out, json, count);
                case FakeUpstreamOut.Binary(byte[] bytes) -> writeFrame(out, WebSocketFrames.BINARY, bytes);
                case FakeUpstreamOut.Ping(byte[] payload) -> writeFrame(out, WebSocketFrames.PING, payload);
                case FakeUpstreamOut.Close(int code) -> {
                    closeSent = true;
                    writeFrame(out, WebSocketFrames.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
                }
                case FakeUpstreamOut.Drop drop -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
            }
        }

        private void writeFragments(OutputStream out, String json, int count) throws IOException {
            int step = Math.max(1, (json.length() + count - 1) / count);
            writeLock.lock();
            try {
                for (int start = 0, i = 0; start < json.length(); start += step, i++) {
                    String part = json.substring(start, Math.min(json.length(), start + step));
                    boolean last = start + step >= json.length();
                    WebSocketFrames.write(out, last, i == 0 ? WebSocketFrames.TEXT : WebSocketFrames.CONTINUATION,
                            utf8(part));
                }
            } finally {
                writeLock.unlock();
            }
        }

        private void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
            writeLock.lock();
            try {
                WebSocketFrames.write(out, true, opcode, payload);
            } finally {
                writeLock.unlock();
            }
        }

        private void closeSocket() {
            resumeReading.countDown();
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    /** Reads one CRLF-terminated header line byte by byte, so no WebSocket bytes are consumed. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
