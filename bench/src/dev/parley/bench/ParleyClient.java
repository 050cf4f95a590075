package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;

/**
 * A client of Parley's {@code /rpc}: its own thread and realtime conversation, audio sent as
 * {@code thread/realtime/appendAudio} notifications, output audio received as
 * {@code thread/realtime/outputAudio/delta}.
 */
final class ParleyClient extends StreamingClient {

    private final String threadId;

    ParleyClient(HttpClient http, int parleyPort) throws Exception {
        connect(http, URI.create("ws://127.0.0.1:" + parleyPort + "/rpc"));
        sendAndAwait("{\"id\":1,\"method\":\"initialize\",\"params\":{\"clientInfo\":{\"name\":\"parley-bench\","
                + "\"version\":\"1\"}}}", "\"id\":1,");
        String started = sendAndAwait("{\"id\":2,\"method\":\"thread/start\",\"params\":{}}", "\"id\":2,");
        int at = started.indexOf("\"id\":\"") + 6;
        threadId = started.substring(at, started.indexOf('"', at));
        var live = expect("thread/realtime/started");
        var error = expect("thread/realtime/error");
        socket.sendText("{\"id\":3,\"method\":\"thread/realtime/start\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"outputModality\":\"audio\",\"prompt\":null}}", true).join();
        Object first = java.util.concurrent.CompletableFuture.anyOf(live, error).get(30, TimeUnit.SECONDS);
        if (first.toString().contains("thread/realtime/error")) {
            throw new IllegalStateException("realtime start failed: " + first);
        }
    }

    @Override
    String outputMarker() {
        return "\"itemId\":\"";
    }

    @Override
    String audioMessage(String base64) {
        return "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"audio\":{\"data\":\"" + base64 + "\",\"sampleRate\":24000,\"numChannels\":1,"
                + "\"samplesPerChannel\":480}}}";
    }

    void stopConversation() {
        sendAndAwait("{\"id\":4,\"method\":\"thread/realtime/stop\",\"params\":{\"threadId\":\"" + threadId + "\"}}",
                "thread/realtime/closed");
    }
}
