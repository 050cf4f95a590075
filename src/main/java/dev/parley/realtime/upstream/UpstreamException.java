package dev.parley.realtime.upstream;

/**
 * A failure of the upstream client whose message is client-facing text from the error catalogue of
 * {@code 03-upstream-protocol.md} §13. Messages never contain credentials.
 */
public sealed class UpstreamException extends Exception
        permits UpstreamException.Preflight, UpstreamException.Connect, UpstreamException.Closed,
        UpstreamException.Transport {

    private UpstreamException(String message) {
        super(message, null, false, false);
    }

    /** A start rejected before any connection attempt (bad URL, missing key, voice mismatch, …). */
    public static final class Preflight extends UpstreamException {
        public Preflight(String message) {
            super(message);
        }
    }

    /** The connection or handshake failed: {@code failed to connect to realtime upstream: <detail>}. */
    public static final class Connect extends UpstreamException {
        public Connect(String detail) {
            super("failed to connect to realtime upstream: " + detail);
        }
    }

    /** A send was attempted after the connection was closed. */
    public static final class Closed extends UpstreamException {
        public static final String MESSAGE = "realtime websocket connection is closed";

        public Closed() {
            super(MESSAGE);
        }
    }

    /** A read or write failed on an open connection: {@code realtime websocket error: <detail>}. */
    public static final class Transport extends UpstreamException {
        public static final String PREFIX = "realtime websocket error: ";

        public Transport(String detail) {
            super(PREFIX + detail);
        }
    }
}
