package dev.parley.realtime.upstream;

/** Opens upstream realtime connections. The production implementation is {@link WebSocketUpstreamConnector}. */
@FunctionalInterface
public interface UpstreamConnector {

    /**
     * Connects, completes the handshake and sends the config's {@code session.update} as the first frame,
     * without waiting for {@code session.updated}.
     *
     * @param onInbound called (on the socket's listener thread, must not block) after every item added to the
     *                  session's inbound queue; lets a consumer wake up instead of polling
     * @throws UpstreamException.Connect on any failure, with a detail free of credentials
     */
    UpstreamSession connect(UpstreamSessionConfig config, Runnable onInbound)
            throws UpstreamException.Connect, InterruptedException;

    default UpstreamSession connect(UpstreamSessionConfig config)
            throws UpstreamException.Connect, InterruptedException {
        return connect(config, () -> { });
    }
}
