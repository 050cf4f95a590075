import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A realtime voice session against Parley, JDK only: initialize, thread/start, thread/realtime/start, about
 * two seconds of speech-like PCM16 tone then silence streamed as appendAudio notifications at real-time pace,
 * one appendText with createResponse, the transcript as it arrives, a count of output-audio frames, stop.
 *
 * <pre>java examples/RealtimeDemo.java [ws://127.0.0.1:8080/rpc]</pre>
 */
public class RealtimeDemo {

    static final int SAMPLE_RATE = 24_000;
    static final int FRAME_MS = 20;
    static final int SAMPLES_PER_FRAME = SAMPLE_RATE * FRAME_MS / 1000;

    static final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    static final AtomicInteger outputAudioFrames = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:8080/rpc");
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
        System.out.println("connected to " + uri);

        send(ws, "{\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"realtime_demo\","
                + "\"version\":\"1.0\"}}}");
        await(m -> m.contains("\"id\":1,"), "initialize response");
        send(ws, "{\"id\":2,\"method\":\"thread/start\",\"params\":{}}");
        String threadId = field(await(m -> m.contains("\"id\":2,"), "thread/start response"), "id");
        System.out.println("thread " + threadId);

        send(ws, "{\"id\":3,\"method\":\"thread/realtime/start\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"outputModality\":\"audio\"}}");
        String started = await(m -> m.contains("\"thread/realtime/started\"") || m.contains("\"thread/realtime/error\""),
                "thread/realtime/started");
        if (started.contains("/error\"")) {
            throw new IllegalStateException("realtime start failed: " + field(started, "message"));
        }
        System.out.println("realtime started, version " + field(started, "version"));

        int frames = 0;
        long begin = System.nanoTime();
        for (int i = 0; i < 150; i++) { // 2 s of tone, then 1 s of silence
            String audio = Base64.getEncoder().encodeToString(frame(i, i < 100));
            send(ws, "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + threadId
                    + "\",\"audio\":{\"data\":\"" + audio + "\",\"sampleRate\":" + SAMPLE_RATE + ",\"numChannels\":1,"
                    + "\"samplesPerChannel\":" + SAMPLES_PER_FRAME + "}}}");
            frames++;
            long due = begin + TimeUnit.MILLISECONDS.toNanos((long) (i + 1) * FRAME_MS);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            drain(0);
        }
        System.out.println("streamed " + frames + " audio frames (" + frames * FRAME_MS + " ms)");

        send(ws, "{\"id\":4,\"method\":\"thread/realtime/appendText\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"text\":\"What can you do?\",\"createResponse\":true}}");
        drain(6_000);

        send(ws, "{\"id\":5,\"method\":\"thread/realtime/stop\",\"params\":{\"threadId\":\"" + threadId + "\"}}");
        String closed = await(m -> m.contains("\"thread/realtime/closed\""), "thread/realtime/closed");
        System.out.println("closed: " + field(closed, "reason"));
        System.out.println("output audio frames received: " + outputAudioFrames.get());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    /** One 20 ms frame: a 180 Hz tone with a 4 Hz syllable-like envelope, or silence. */
    static byte[] frame(int index, boolean voiced) {
        ByteBuffer pcm = ByteBuffer.allocate(SAMPLES_PER_FRAME * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = 0; s < SAMPLES_PER_FRAME; s++) {
            double t = (double) (index * SAMPLES_PER_FRAME + s) / SAMPLE_RATE;
            double envelope = voiced ? 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t) : 0;
            pcm.putShort((short) (envelope * 9_000 * Math.sin(2 * Math.PI * 180 * t)));
        }
        return pcm.array();
    }

    /** Prints what arrived within {@code millis}: transcripts, items, errors; counts output audio. */
    static void drain(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            String message = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : inbox.poll();
            if (message == null) {
                return;
            }
            show(message);
        }
    }

    static void show(String message) {
        if (message.contains("\"thread/realtime/outputAudio/delta\"")) {
            outputAudioFrames.incrementAndGet();
        } else if (message.contains("\"thread/realtime/transcript/done\"")) {
            System.out.println("  transcript [" + field(message, "role") + "] " + field(message, "text"));
        } else if (message.contains("\"thread/realtime/error\"")) {
            System.out.println("  error: " + field(message, "message"));
        } else if (message.contains("\"thread/realtime/itemAdded\"")) {
            System.out.println("  item: " + field(message, "type"));
        }
    }

    static String await(java.util.function.Predicate<String> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            if (test.test(message)) {
                return message;
            }
            show(message);
        }
        throw new IllegalStateException("no " + what + " within 15 s");
    }

    /** The first string value of {@code "name":"…"} (enough JSON for this demo; handles escaped quotes). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", "\n") : "?";
    }

    static void send(WebSocket ws, String text) {
        ws.sendText(text, true).join();
    }

    static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
