package dev.parley.realtime.upstream;

/**
 * One item read from the upstream connection: a whole (aggregated) text message, or a terminal marker.
 * After a terminal marker every later read returns {@link EndOfStream}.
 */
public sealed interface UpstreamInbound {

    /**
     * A complete upstream text message, not yet parsed, with the {@link System#nanoTime()} at which the socket
     * delivered it (the input loop sheds output audio that waited too long, {@code 04} §4).
     */
    record Text(String json, long receivedNanos) implements UpstreamInbound {

        /** A message received now. */
        public Text(String json) {
            this(json, System.nanoTime());
        }
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
