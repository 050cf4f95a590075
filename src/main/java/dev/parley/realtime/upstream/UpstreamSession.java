package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import java.time.Duration;
import java.util.Optional;

/**
 * One open upstream realtime connection (the socket adapter, or an in-memory double in tests).
 *
 * <h2>Threading contract</h2>
 * <ul>
 *   <li>{@link #send} is meant for a single writer (the conversation's input loop); concurrent calls are
 *       serialised. It blocks until the frame is handed to the socket and never waits behind a read.</li>
 *   <li>Reads ({@link #poll()}, {@link #poll(Duration)}, {@link #take()}) come from a bounded queue filled by
 *       the socket listener; while the queue is full the socket is not read (back-pressure), nothing is lost.
 *       The end-of-stream or failure marker is delivered once, then every read returns
 *       {@link UpstreamInbound.EndOfStream}.</li>
 *   <li>{@link #close()} may be called from any thread, any number of times.</li>
 * </ul>
 */
public interface UpstreamSession extends AutoCloseable {

    RealtimeConversationVersion version();

    /**
     * Sends one message as a single text frame.
     *
     * @throws UpstreamException.Closed    after {@link #close()} or once the connection has ended
     * @throws UpstreamException.Transport when the write fails or does not complete within the send timeout
     */
    void send(UpstreamMessage message) throws UpstreamException, InterruptedException;

    /** The next inbound item if one is ready. */
    Optional<UpstreamInbound> poll();

    /** The next inbound item, waiting up to {@code timeout}. */
    Optional<UpstreamInbound> poll(Duration timeout) throws InterruptedException;

    /** The next inbound item, waiting as long as needed. */
    UpstreamInbound take() throws InterruptedException;

    /**
     * Sends a Close frame (1000, empty reason) unless the connection already ended, waits up to the close
     * timeout for the upstream's Close, then drops the socket. Idempotent; never throws.
     */
    @Override
    void close();

    /**
     * Drops the connection at once, without the closing handshake: for a peer that stopped reading, where a
     * Close frame would only queue behind the stalled writes. A pending {@link #send} then fails. Idempotent;
     * never throws. Sessions whose {@link #close()} never waits may keep this default.
     */
    default void abort() {
        close();
    }
}
