package dev.parley.testsupport;

/** What a {@link FakeUpstream} sends: a text message, fragments, binary, ping, close, or a TCP drop. */
public sealed interface FakeUpstreamOut {
    record Text(String json) implements FakeUpstreamOut {
    }

    record Fragmented(String json, int frames) implements FakeUpstreamOut {
    }

    record Binary(byte[] bytes) implements FakeUpstreamOut {
    }

    record Ping(byte[] payload) implements FakeUpstreamOut {
    }

    record Close(int code) implements FakeUpstreamOut {
    }

    record Drop() implements FakeUpstreamOut {
    }
}
