package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One RFC 6455 connection of the generator, client or server side, on the {@link Loop}. Reads happen on the
 * loop thread; {@link #send} may be called from any thread and never blocks: what the socket does not take
 * at once is queued (and counted from its scheduled time by whoever stamped it) and written when the socket
 * is writable again. A peer that stops reading costs at most {@link #MAX_BACKLOG} bytes; beyond that frames
 * are dropped here and show up as lost.
 */
final class WsConn implements Loop.Ready {

    /** Receives whole text messages on the loop thread, with the time they were read. */
    interface Handler {
        void onText(WsConn conn, byte[] buf, int off, int len, long arrivedNanos);

        default void onClose(WsConn conn) {
        }
    }

    static final int MAX_BACKLOG = 2 * 1024 * 1024;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final Loop loop;
    private final SocketChannel channel;
    private final byte[] mask;
    private final CompletableFuture<WsConn> opened = new CompletableFuture<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private volatile Handler handler;
    private volatile boolean closed;
    private volatile SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private boolean upgraded;
    private byte[] fragments = new byte[0];
    private int fragmentLength;
    private int backlog;
    long backlogDropped;
    /** The request line of an accepted connection (server side), e.g. {@code GET /v1/realtime?model=x HTTP/1.1}. */
    String requestLine = "";
    Object attachment;

    private WsConn(Loop loop, SocketChannel channel, boolean client, Handler handler) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        if (client) {
            mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
        } else {
            mask = null;
        }
    }

    /** Opens a client connection to {@code ws://127.0.0.1:port/path}; completes when the upgrade is answered. */
    static CompletableFuture<WsConn> connect(Loop loop, int port, String path, Handler handler) {
        try {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            WsConn conn = new WsConn(loop, channel, true, handler);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            conn.sendRaw(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            conn.register();
            return conn.opened;
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Takes over an accepted socket (server side); the handshake is answered when it arrives. */
    static WsConn accept(Loop loop, SocketChannel channel, Handler handler) throws IOException {
        WsConn conn = new WsConn(loop, channel, false, handler);
        conn.register();
        return conn;
    }

    private void register() {
        loop.register(channel, SelectionKey.OP_READ, this, registered -> {
            key = registered;
            writeLock.lock();
            try {
                if (!pending.isEmpty()) {
                    registered.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } finally {
                writeLock.unlock();
            }
        });
    }

    CompletableFuture<WsConn> opened() {
        return opened;
    }

    void handler(Handler handler) {
        this.handler = handler;
    }

    /** The masking key of a client connection (frames this side sends are masked with it), or null. */
    byte[] mask() {
        return mask;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Sends one text message built from a string (control traffic; audio goes through {@link FrameTemplate}). */
    boolean sendText(String text) {
        byte[] frame = WsCodec.frame(0x1, text.getBytes(StandardCharsets.UTF_8), mask);
        return send(frame, 0, frame.length);
    }

    /** Sends a complete, already framed (and masked) message without blocking; false if closed or dropped. */
    boolean send(byte[] frame, int off, int len) {
        writeLock.lock();
        try {
            if (closed) {
                return false;
            }
            if (pending.isEmpty()) {
                ByteBuffer buffer = ByteBuffer.wrap(frame, off, len);
                channel.write(buffer);
                if (!buffer.hasRemaining()) {
                    return true;
                }
                queue(Arrays.copyOfRange(frame, buffer.position(), off + len));
                SelectionKey registered = key;
                if (registered != null) {
                    registered.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    loop.wakeup();
                }
                return true;
            }
            if (backlog + len > MAX_BACKLOG) {
                backlogDropped++;
                return false;
            }
            queue(Arrays.copyOfRange(frame, off, off + len));
            return true;
        } catch (IOException e) {
            closed = true;
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    private void sendRaw(byte[] bytes) {
        send(bytes, 0, bytes.length);
    }

    private void queue(byte[] bytes) {
        pending.add(ByteBuffer.wrap(bytes));
        backlog += bytes.length;
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isWritable()) {
            flush(key);
        }
        if (key.isValid() && key.isReadable()) {
            read();
        }
    }

    @Override
    public void failed(IOException e) {
        close();
    }

    private void flush(SelectionKey key) throws IOException {
        writeLock.lock();
        try {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return;
                }
                backlog -= head.capacity();
                pending.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        } finally {
            writeLock.unlock();
        }
    }

    private void read() throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            close();
            return;
        }
        long now = System.nanoTime();
        if (!upgraded && !upgrade()) {
            return;
        }
        byte[] a = in.array();
        int limit = in.position();
        int pos = 0;
        int needed = 0;
        while (limit - pos >= 2) {
            int b0 = a[pos] & 0xFF;
            int b1 = a[pos + 1] & 0xFF;
            int header = 2;
            long len = b1 & 0x7F;
            if (len == 126) {
                if (limit - pos < 4) {
                    break;
                }
                len = ((a[pos + 2] & 0xFF) << 8) | (a[pos + 3] & 0xFF);
                header = 4;
            } else if (len == 127) {
                if (limit - pos < 10) {
                    break;
                }
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | (a[pos + 2 + i] & 0xFF);
                }
                header = 10;
            }
            boolean masked = (b1 & 0x80) != 0;
            if (masked) {
                header += 4;
            }
            if (limit - pos < header + len) {
                needed = (int) (header + len);
                break;
            }
            int p = pos + header;
            if (masked) {
                for (int i = 0; i < len; i++) {
                    a[p + i] ^= a[p - 4 + (i & 3)];
                }
            }
            frameReceived(b0, a, p, (int) len, now);
            if (closed) {
                return;
            }
            pos = p + (int) len;
        }
        int rest = limit - pos;
        if (needed > a.length) {
            ByteBuffer bigger = ByteBuffer.allocate(needed * 2);
            bigger.put(a, pos, rest);
            in = bigger;
        } else {
            System.arraycopy(a, pos, a, 0, rest);
            in.position(rest);
        }
    }

    private void frameReceived(int b0, byte[] a, int p, int len, long now) {
        boolean fin = (b0 & 0x80) != 0;
        switch (b0 & 0x0F) {
            case 0x1, 0x0 -> {
                Handler current = handler;
                if (current == null) {
                    return;
                }
                if (fin && fragmentLength == 0) {
                    current.onText(this, a, p, len, now);
                    return;
                }
                if (fragmentLength + len > fragments.length) {
                    fragments = Arrays.copyOf(fragments, Math.max(fragments.length * 2, fragmentLength + len));
                }
                System.arraycopy(a, p, fragments, fragmentLength, len);
                fragmentLength += len;
                if (fin) {
                    int total = fragmentLength;
                    fragmentLength = 0;
                    current.onText(this, fragments, 0, total, now);
                }
            }
            case 0x8 -> close();
            case 0x9 -> {
                byte[] pong = WsCodec.frame(0xA, Arrays.copyOfRange(a, p, p + len), mask);
                send(pong, 0, pong.length);
            }
            default -> {
            }
        }
    }

    /** Reads the HTTP upgrade (request on the server side, response on the client side); false until complete. */
    private boolean upgrade() throws IOException {
        byte[] a = in.array();
        int end = WsCodec.indexOf(a, 0, in.position(), HEADER_END);
        if (end < 0) {
            return false;
        }
        String head = new String(a, 0, end, StandardCharsets.ISO_8859_1);
        int rest = in.position() - end - 4;
        System.arraycopy(a, end + 4, a, 0, rest);
        in.position(rest);
        String[] lines = head.split("\r\n");
        if (mask != null) {
            if (!lines[0].contains(" 101")) {
                opened.completeExceptionally(new IOException("upgrade refused: " + lines[0]));
                close();
                return false;
            }
        } else {
            requestLine = lines[0];
            String clientKey = "";
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                    clientKey = line.substring(colon + 1).trim();
                }
            }
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((clientKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            sendRaw(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        upgraded = true;
        opened.complete(this);
        return true;
    }

    /** Closes the socket (any thread); the handler hears of it once. */
    void close() {
        if (closed && !channel.isOpen()) {
            return;
        }
        closed = true;
        opened.completeExceptionally(new IOException("closed before the upgrade"));
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
        Handler current = handler;
        if (current != null) {
            handler = null;
            current.onClose(this);
        }
    }
}
