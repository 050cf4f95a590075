package dev.parley.realtime.upstream;

/**
 * One item read from the upstream connection: a whole (aggregated) text message, or a terminal marker.
 * After a terminal marker every later read returns {@link EndOfStream}.
 */
public sealed interface UpstreamInbound {

    /** A complete upstream text message, not yet parsed. */
    record Text(String json) implements UpstreamInbound {
    }

    /** The upstream closed the connection with a Close frame, or Parley closed it. */
    record EndOfStream() implements UpstreamInbound {
    }

    /**
     * The connection failed: a read error, a connection that ended without a Close frame, or an oversize
     * message. {@code message} is the client-facing text, {@code realtime websocket error: <detail>}.
     */
    record Failure(String message) implements UpstreamInbound {
    }
}
