package dev.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fake realtime model on loopback (V2 dialect): it answers {@code session.update}, records the latency
 * of every {@code input_audio_buffer.append} it receives, and from the first message on streams
 * {@code response.output_audio.delta} frames at 50 per second, each stamped with its send time. Like a real
 * model it also speaks a transcript: a {@code response.output_audio_transcript.delta} after every second audio
 * frame and a {@code .done} every 2 s, so the measured audio path runs beside the timeline's delta and sealing
 * path ({@code 09} §3). {@code -Dbench.transcripts=false} turns them off for a comparison run.
 */
final class FakeRealtimeUpstream implements AutoCloseable {

    private static final String AUDIO = Frames.audio(0, 0);
    private static final boolean TRANSCRIPTS = !"false".equals(System.getProperty("bench.transcripts"));
    private static final String TRANSCRIPT_DELTA =
            "{\"type\":\"response.output_audio_transcript.delta\",\"response_id\":\"resp_bench\",\"delta\":\"word \"}";
    private static final String TRANSCRIPT_DONE =
            "{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"resp_bench\",\"transcript\":\"words\"}";

    private final ServerSocket server;
    private final List<Samples> inputLatencies = new CopyOnWriteArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final List<WsServerConnection> open = new CopyOnWriteArrayList<>();

    FakeRealtimeUpstream() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-upstream-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Starts a new phase: counters and samples cleared. */
    void reset() {
        inputLatencies.clear();
        framesSent.set(0);
        framesReceived.set(0);
    }

    long framesSent() {
        return framesSent.get();
    }

    long framesReceived() {
        return framesReceived.get();
    }

    Samples inputLatencies() {
        return Samples.merge(inputLatencies);
    }

    /** Sends one message on every open connection; returns the send time of the first. */
    long sendToAll(String json) throws IOException {
        long sent = System.nanoTime();
        for (WsServerConnection connection : open) {
            connection.sendText(json);
        }
        return sent;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("fake-upstream-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Samples samples = new Samples();
        inputLatencies.add(samples);
        WsServerConnection opened = null;
        try (WsServerConnection connection = new WsServerConnection(socket)) {
            opened = connection;
            open.add(connection);
            Thread writer = null;
            String message;
            while ((message = connection.readText()) != null) {
                long now = System.nanoTime();
                if (message.contains("\"session.update\"")) {
                    connection.sendText("{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_bench\",\"instructions\":null}}");
                    continue;
                }
                int audio = message.indexOf("\"audio\":\"");
                if (audio >= 0 && message.contains("input_audio_buffer.append")) {
                    long sent = Frames.nanosFromAudio(message, audio + 9);
                    if (Frames.inWindow(sent)) {
                        framesReceived.incrementAndGet();
                        samples.add(now - sent);
                    }
                    if (writer == null) {
                        writer = Thread.ofVirtual().name("fake-upstream-out").start(() -> stream(connection));
                    }
                }
            }
            if (writer != null) {
                writer.interrupt();
            }
        } catch (IOException | RuntimeException e) {
            // the peer went away: the phase is over for this connection
        } finally {
            open.remove(opened);
        }
    }

    private void stream(WsServerConnection connection) {
        long seq = 0;
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                next += Frames.FRAME_NANOS;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                connection.sendText("{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_bench\",\"item_id\":\""
                        + Frames.itemId(seq++, now) + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + AUDIO + "\"}");
                if (Frames.inWindow(now)) {
                    framesSent.incrementAndGet();
                }
                if (TRANSCRIPTS && seq % 2 == 0) {
                    connection.sendText(seq % 100 == 0 ? TRANSCRIPT_DONE : TRANSCRIPT_DELTA);
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(WsServerConnection::close);
    }
}
