package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake realtime model on loopback (V2 dialect) on the generator's {@link Loop}: it answers
 * {@code session.update}, records the latency of every {@code input_audio_buffer.append} it receives, and
 * from the {@code session.update} on streams one {@code response.output_audio.delta} per 20 ms tick, each
 * stamped with its scheduled time. The output streams of one phase are staggered evenly across the 20 ms
 * period. With transcripts on, it also sends an output transcript delta with every audio frame and an input
 * transcription delta every 25 input frames (the delta path; not measured).
 */
final class FakeRealtimeUpstream implements AutoCloseable, WsConn.Handler {

    private static final byte[] AUDIO_FIELD = "\"audio\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION_UPDATE = "\"session.update\"".getBytes(StandardCharsets.US_ASCII);

    /** One upstream connection: its output stream. */
    private final class Session extends Pacer.Stream {
        final WsConn conn;
        final int index;
        final FrameTemplate audio;
        final byte[] transcript;
        final byte[] inputTranscript;
        long inputFrames;

        Session(WsConn conn, int index) {
            this.conn = conn;
            this.index = index;
            String item = "item_bench_" + index;
            audio = new FrameTemplate("{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_bench\",\"item_id\":\""
                    + item + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + FrameTemplate.AUDIO + "\"}", null);
            transcript = WsCodec.frame(0x1, ("{\"type\":\"response.output_audio_transcript.delta\",\"response_id\":\"resp_bench\","
                    + "\"item_id\":\"" + item + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"hello \"}")
                    .getBytes(StandardCharsets.US_ASCII), null);
            inputTranscript = WsCodec.frame(0x1, ("{\"type\":\"conversation.item.input_audio_transcription.delta\","
                    + "\"item_id\":\"item_in_" + index + "\",\"content_index\":0,\"delta\":\"hi \"}")
                    .getBytes(StandardCharsets.US_ASCII), null);
        }

        @Override
        void tick(long seq, long scheduledNanos) {
            byte[] frame = audio.fill(seq, scheduledNanos, 0);
            if (!conn.send(frame, 0, frame.length)) {
                return;
            }
            if (transcripts) {
                conn.send(transcript, 0, transcript.length);
            }
        }
    }

    private final Pacer pacer;
    private final ServerSocketChannel server;
    private final boolean transcripts;
    private final Set<WsConn> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int streams = 1;
    /** Upstream connections accepted since the last {@link #expect}. */
    final AtomicLong connections = new AtomicLong();

    FakeRealtimeUpstream(Loop loop, Pacer pacer, boolean transcripts) throws IOException {
        this.pacer = pacer;
        this.transcripts = transcripts;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.configureBlocking(false);
        loop.register(server, SelectionKey.OP_ACCEPT, new Loop.Ready() {
            @Override
            public void ready(SelectionKey key) throws IOException {
                SocketChannel channel;
                while ((channel = server.accept()) != null) {
                    WsConn conn = WsConn.accept(loop, channel, FakeRealtimeUpstream.this);
                    open.add(conn);
                    connections.incrementAndGet();
                }
            }

            @Override
            public void failed(IOException e) {
                e.printStackTrace();
            }
        }, key -> { });
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** A new phase with {@code n} conversations: output streams are staggered over the period by n. */
    void expect(int n) {
        streams = Math.max(1, n);
        accepted.set(0);
        connections.set(0);
    }

    @Override
    public void onText(WsConn conn, byte[] buf, int off, int len, long arrivedNanos) {
        int end = off + len;
        int at = WsCodec.indexOf(buf, off, end, AUDIO_FIELD);
        if (at >= 0) {
            long scheduled = Frames.nanosAt(buf, at + AUDIO_FIELD.length, end);
            if (scheduled > 0) {
                Measurement m = Measurement.current;
                if (m != null) {
                    m.arrived(m.input, scheduled, arrivedNanos);
                }
                if (transcripts && conn.attachment instanceof Session session && ++session.inputFrames % 25 == 0) {
                    conn.send(session.inputTranscript, 0, session.inputTranscript.length);
                }
                return;
            }
        }
        if (WsCodec.indexOf(buf, off, end, SESSION_UPDATE) >= 0) {
            conn.sendText("{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_bench\",\"type\":\"realtime\",\"instructions\":null}}");
            if (conn.attachment == null) {
                int index = accepted.getAndIncrement();
                Session session = new Session(conn, index);
                conn.attachment = session;
                long offset = (index % streams) * Frames.FRAME_NANOS / streams;
                pacer.start(session, System.nanoTime() + Frames.FRAME_NANOS + offset);
            }
        }
    }

    @Override
    public void onClose(WsConn conn) {
        open.remove(conn);
        if (conn.attachment instanceof Session session) {
            session.stop();
        }
    }

    /** Sends one message on every open upstream connection; returns the send time. */
    long sendToAll(String json) {
        long sent = System.nanoTime();
        for (WsConn conn : open) {
            conn.sendText(json);
        }
        return sent;
    }

    /** Closes every upstream connection still open (the end of a phase: nothing may keep streaming). */
    int closeAll() {
        int closed = 0;
        for (WsConn conn : open) {
            conn.close();
            closed++;
        }
        return closed;
    }

    @Override
    public void close() throws IOException {
        closeAll();
        server.close();
    }
}
