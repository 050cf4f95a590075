package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;

/** The baseline: a client that talks to the fake upstream directly, with no proxy in between. */
final class DirectClient extends StreamingClient {

    DirectClient(HttpClient http, int upstreamPort) {
        connect(http, URI.create("ws://127.0.0.1:" + upstreamPort + "/v1/realtime"));
        sendAndAwait("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}", "session.updated");
    }

    @Override
    String outputMarker() {
        return "\"item_id\":\"";
    }

    @Override
    String audioMessage(String base64) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + base64 + "\"}";
    }
}
